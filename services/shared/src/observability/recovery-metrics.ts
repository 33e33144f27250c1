/**
 * `RecoverySuccess` (Serenya/Errors): did a recovery strategy work? The original design's
 * error-handling dashboard and `RecoveryStrategyFailureAlarm` read it, with dimension sets
 * {Strategy, Success} (the dashboard, per strategy) and {Success} (the alarm, across strategies).
 *
 * Emitted where a recovery ends: today the processor's retry through SQS redelivery (a job that
 * completes after a retried delivery: success; a retryable failure on the last delivery: failure).
 *
 * @example
 * ```ts
 * emitRecoveryOutcome('retry', true);
 * ```
 * @module
 */
import { emitMetric, MetricNamespace } from './metrics.ts';

/** The original design's recovery strategies (the `RecoveryStrategy` of the error model). */
export type RecoveryStrategyName = 'retry' | 'fallback' | 'escalate' | 'ignore';

export const RecoveryMetricName = 'RecoverySuccess';

/** Counts one finished recovery attempt of a strategy, by whether it worked. */
export function emitRecoveryOutcome(strategy: RecoveryStrategyName, success: boolean): void {
  const outcome = success ? 'true' : 'false';
  emitMetric({
    namespace: MetricNamespace.errors,
    name: RecoveryMetricName,
    unit: 'Count',
    value: 1,
    dimensionSets: [{ Strategy: strategy, Success: outcome }, { Success: outcome }],
  });
}
