/**
 * Decides, per request, whether to fail it and with which exception, from the seeded PRNG.
 *
 * Every eligible request takes exactly two draws (fail?, which type?) whatever the outcome, so
 * the n-th eligible request gets the same verdict for the same seed and behaviour, however
 * earlier verdicts went. Concurrent requests draw in arrival order.
 * @module
 */
import type { MockBehaviour } from './behaviour.ts';
import { BedrockError, STREAM_EXCEPTION_MEMBERS, type BedrockErrorType } from './errors.ts';
import { isStreamingOperation, type BedrockOperation } from './operations.ts';
import { mulberry32, type Random } from './prng.ts';

/** An injected failure: the error, and whether it is sent after the stream's first event. */
export interface InjectedFault {
  error: BedrockError;
  midStream: boolean;
}

/**
 * The injector; one per mock, reseeded by `configure({ seed })` and `reset()`.
 *
 * @example
 * ```ts
 * const injector = new FaultInjector(42);
 * const fault = injector.decide(behaviour, 'Converse');
 * if (fault && !fault.midStream) throw fault.error;
 * ```
 */
export class FaultInjector {
  #random: Random;
  #seed: number;

  constructor(seed: number) {
    this.#seed = seed;
    this.#random = mulberry32(seed);
  }

  /** The seed in use (random ones included, so a failing run can be repeated). */
  get seed(): number {
    return this.#seed;
  }

  /** Restarts the sequence from `seed`. */
  reseed(seed: number): void {
    this.#seed = seed;
    this.#random = mulberry32(seed);
  }

  /** The fault for one request of `operation`, or undefined to serve it normally. */
  decide(behaviour: MockBehaviour, operation: BedrockOperation): InjectedFault | undefined {
    const { rate, types, operations, midStream } = behaviour.errors;
    if (rate <= 0 || types.length === 0) return undefined;
    if (operations !== undefined && !operations.includes(operation)) return undefined;
    const failDraw = this.#random();
    const typeDraw = this.#random();
    if (failDraw >= rate) return undefined;
    const type = types[Math.min(types.length - 1, Math.floor(typeDraw * types.length))] as BedrockErrorType;
    const error = new BedrockError(type, undefined, { injected: true });
    const modeledInStream =
      isStreamingOperation(operation) && (STREAM_EXCEPTION_MEMBERS[operation] as readonly BedrockErrorType[]).includes(type);
    return { error, midStream: midStream === true && modeledInStream };
  }
}

/**
 * A random 32-bit seed, for runs that did not ask for one.
 *
 * @example
 * ```ts
 * new FaultInjector(behaviour.seed ?? randomSeed());
 * ```
 */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
}
