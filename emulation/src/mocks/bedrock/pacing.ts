/**
 * Simulated model latency: time to first token, then a steady output rate. Deadlines are
 * computed from the request's start, not chained sleeps, so timer overhead does not add up
 * over hundreds of deltas; a zero latency never touches a timer.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LatencyBehaviour } from './behaviour.ts';

/**
 * Paces one response.
 *
 * @example
 * ```ts
 * const pacer = new Pacer(behaviour.latency, startedAt, signal);
 * await pacer.firstToken();
 * for (const delta of deltas) { await pacer.tokens(delta.tokens); write(delta); }
 * ```
 */
export class Pacer {
  readonly #latency: LatencyBehaviour;
  readonly #startedAt: number;
  readonly #signal: AbortSignal | undefined;
  #tokensSoFar = 0;

  /** `startedAt` is a `performance.now()` time; `signal` ends waits early (client gone). */
  constructor(latency: LatencyBehaviour, startedAt: number, signal?: AbortSignal) {
    this.#latency = latency;
    this.#startedAt = startedAt;
    this.#signal = signal;
  }

  /** Waits until the first token is due. */
  firstToken(): Promise<void> {
    return this.#until(this.#latency.firstTokenMs);
  }

  /** Waits until `count` more tokens have been "generated" after the first one. */
  tokens(count: number): Promise<void> {
    this.#tokensSoFar += count;
    return this.#until(this.#latency.firstTokenMs + this.#msFor(this.#tokensSoFar));
  }

  /** Waits as long as a whole non-streamed answer of `outputTokens` takes. */
  wholeAnswer(outputTokens: number): Promise<void> {
    return this.#until(this.#latency.firstTokenMs + this.#msFor(outputTokens));
  }

  #msFor(tokens: number): number {
    return this.#latency.tokensPerSecond > 0 ? (tokens / this.#latency.tokensPerSecond) * 1_000 : 0;
  }

  async #until(offsetMs: number): Promise<void> {
    const wait = this.#startedAt + offsetMs - performance.now();
    if (wait < 1) return;
    try {
      await sleep(wait, undefined, this.#signal === undefined ? {} : { signal: this.#signal });
    } catch {
      // Aborted: the client left; the writer notices the closed response and stops.
    }
  }
}
