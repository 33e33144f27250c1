import { describe, expect, it } from 'vitest';
import { mulberry32 } from './prng.ts';

describe('mulberry32', () => {
  it('repeats its sequence for the same seed', () => {
    const first = mulberry32(42);
    const second = mulberry32(42);
    const a = Array.from({ length: 100 }, () => first());
    const b = Array.from({ length: 100 }, () => second());
    expect(a).toEqual(b);
  });

  it('differs between seeds and stays in [0, 1)', () => {
    const a = Array.from({ length: 1000 }, mulberry32(1));
    const b = Array.from({ length: 1000 }, mulberry32(2));
    expect(a).not.toEqual(b);
    for (const value of [...a, ...b]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('is roughly uniform', () => {
    const random = mulberry32(7);
    const below = Array.from({ length: 10_000 }, random).filter((value) => value < 0.25).length;
    expect(below).toBeGreaterThan(2_300);
    expect(below).toBeLessThan(2_700);
  });
});
