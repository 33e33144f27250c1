/**
 * Counters of what the mock served since start or the last reset: requests per operation,
 * errors per exception (injected ones apart), tokens in and out, and latency percentiles
 * (request arrival to last byte) overall and per operation.
 * @module
 */
import type { BedrockErrorType } from './errors.ts';
import { BEDROCK_OPERATIONS, type BedrockOperation } from './operations.ts';

/** Latency samples kept per operation; older ones are overwritten (ring buffer). */
const MAX_SAMPLES = 10_000;

export interface LatencySummary {
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

/** What `stats()` and `GET /_mock/stats` return. */
export interface BedrockMockStats {
  requests: Record<BedrockOperation, number>;
  /** Every error answered, injected or not (unknown model, bad body …), by exception. */
  errors: Partial<Record<BedrockErrorType, number>>;
  /** Errors caused by fault injection only, by exception. */
  errorsInjected: Partial<Record<BedrockErrorType, number>>;
  tokens: { input: number; output: number };
  latency: LatencySummary & { byOperation: Record<BedrockOperation, LatencySummary> };
}

/**
 * The mutable counters behind {@link BedrockMockStats}.
 *
 * @example
 * ```ts
 * const stats = new StatsRecorder();
 * stats.request('Converse');
 * stats.completed('Converse', 12.5);
 * stats.snapshot().latency.p50Ms; // 12.5
 * ```
 */
export class StatsRecorder {
  #requests = emptyPerOperation(() => 0);
  #errors: Partial<Record<BedrockErrorType, number>> = {};
  #errorsInjected: Partial<Record<BedrockErrorType, number>> = {};
  #tokens = { input: 0, output: 0 };
  #samples = emptyPerOperation<number[]>(() => []);
  #cursor = emptyPerOperation(() => 0);

  request(operation: BedrockOperation): void {
    this.#requests[operation] += 1;
  }

  error(type: BedrockErrorType, injected: boolean): void {
    this.#errors[type] = (this.#errors[type] ?? 0) + 1;
    if (injected) this.#errorsInjected[type] = (this.#errorsInjected[type] ?? 0) + 1;
  }

  tokens(input: number, output: number): void {
    this.#tokens.input += input;
    this.#tokens.output += output;
  }

  /** One finished response (success or error) and how long it took. */
  completed(operation: BedrockOperation, latencyMs: number): void {
    const samples = this.#samples[operation];
    if (samples.length < MAX_SAMPLES) samples.push(latencyMs);
    else samples[this.#cursor[operation]++ % MAX_SAMPLES] = latencyMs;
  }

  snapshot(): BedrockMockStats {
    const byOperation = emptyPerOperation((operation) => summarise(this.#samples[operation]));
    return {
      requests: { ...this.#requests },
      errors: { ...this.#errors },
      errorsInjected: { ...this.#errorsInjected },
      tokens: { ...this.#tokens },
      latency: { ...summarise(BEDROCK_OPERATIONS.flatMap((operation) => this.#samples[operation])), byOperation },
    };
  }
}

function emptyPerOperation<T>(make: (operation: BedrockOperation) => T): Record<BedrockOperation, T> {
  return Object.fromEntries(BEDROCK_OPERATIONS.map((operation) => [operation, make(operation)])) as Record<BedrockOperation, T>;
}

/**
 * Nearest-rank percentiles, rounded to 0.1 ms.
 *
 * @example
 * ```ts
 * summarise([1, 2, 3, 4]); // { count: 4, p50Ms: 2, p99Ms: 4 }
 * ```
 */
export function summarise(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50Ms: null, p99Ms: null };
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)) };
}

/**
 * The nearest-rank percentile of ascending `sorted` (non-empty).
 *
 * @example
 * ```ts
 * percentile([10, 20, 30], 0.5); // 20
 * ```
 */
export function percentile(sorted: readonly number[], fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
