/**
 * mulberry32: a tiny seeded 32-bit PRNG. Fault injection draws from it so that a given seed
 * gives the same failure sequence on every run (no `Math.random`, which cannot be seeded).
 * @see https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 * @module
 */

/** A source of floats in [0, 1). */
export type Random = () => number;

/**
 * A generator seeded with a 32-bit integer (other numbers are truncated to 32 bits).
 *
 * @example
 * ```ts
 * const random = mulberry32(42);
 * random(); // 0.6011037519201636, on every run
 * ```
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
