/**
 * The circuit-breaker policies of Serenya's downstream services, as the design document sets them
 * (its `failure_threshold`, `success_threshold`, `timeout` and `monitor_window`, here in
 * milliseconds and renamed: the design's "timeout" is how long the breaker stays open, so it is
 * `openDurationMs`; `callTimeoutMs` is the separate per-call limit).
 *
 * @example
 * ```ts
 * import { BreakerPolicies } from './breaker-policies.ts';
 * import { CircuitBreaker } from './circuit-breaker.ts';
 *
 * const tokens = new CircuitBreaker({
 *   service: 'google_oauth',
 *   policy: BreakerPolicies.googleOAuth,
 *   action: (code: string) => exchangeCode(code),
 * });
 * ```
 * @module
 */
import type { BreakerPolicy } from './circuit-breaker.ts';

/**
 * One policy per downstream service.
 *
 * - `googleOAuth`: Google token exchange and JWKS; a sign-in waits on it, so calls are cut at 5 s.
 * - `bedrock`: the LLM (the design's "OpenAIService"). No per-call timeout: the design sets
 *   none, and an LLM call's length varies with the document, so its limit stays with the caller.
 * - `database`: PostgreSQL; a query slower than 5 s is treated as an unhealthy database.
 *
 * @example
 * ```ts
 * const { failureThreshold, openDurationMs } = BreakerPolicies.database; // 10, 15_000
 * ```
 */
export const BreakerPolicies = {
  googleOAuth: {
    failureThreshold: 5,
    successThreshold: 3,
    openDurationMs: 30_000,
    monitorWindowMs: 60_000,
    callTimeoutMs: 5_000,
  },
  bedrock: {
    failureThreshold: 3,
    successThreshold: 2,
    openDurationMs: 45_000,
    monitorWindowMs: 120_000,
  },
  database: {
    failureThreshold: 10,
    successThreshold: 5,
    openDurationMs: 15_000,
    monitorWindowMs: 30_000,
    callTimeoutMs: 5_000,
  },
} as const satisfies Record<string, BreakerPolicy>;
