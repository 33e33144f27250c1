/**
 * The document pipeline's metrics, namespace `Serenya/Documents` (EMF through the shared
 * `emitMetric`, so exactly these dimension sets reach CloudWatch and alarms can name them):
 *
 * | metric | unit | dimensions | when |
 * |---|---|---|---|
 * | `DocumentsProcessed` | Count | `{Outcome}` | once per delivered message |
 * | `ProcessingFailures` | Count | `{ErrorCode}` | each failed attempt (retried or final) |
 * | `PipelineDuration` | Milliseconds | `{DocumentType: lab_results}` | a job completed: upload (job created) to completed |
 * | `StaleJobsRecovered` | Count | `{Action}` | the sweeper re-sent (`requeued`) or failed (`failed`) a stale job |
 *
 * `Outcome` is one of {@link PipelineOutcomes}: `completed`; `failed` (permanently, message
 * done); `retried` (released, SQS redelivers); `exhausted` (retryable failure on the last
 * delivery: job failed PROCESSING_FAILED, message on its way to the DLQ); `skipped` (duplicate
 * or redelivered message for a job another delivery owns or finished); `malformed` (body is not
 * `{"jobId": uuid}`, dropped).
 *
 * The LLM side (`Serenya/LLM` ProcessingTime, tokens, cost with `DocumentType: lab_results`) is
 * recorded by the shared Bedrock client on every call.
 *
 * @example
 * ```ts
 * emitDocumentOutcome('completed');
 * emitPipelineDuration(Date.now() - job.created_at.getTime());
 * ```
 * @module
 */
import type { ErrorCode } from '#shared/errors/index.ts';
import { emitMetric, MetricNamespace } from '#shared/observability/metrics.ts';

export const PipelineOutcomes = ['completed', 'failed', 'retried', 'exhausted', 'skipped', 'malformed'] as const;
export type PipelineOutcome = (typeof PipelineOutcomes)[number];

/** The metric names of this module, for alarms and dashboards. */
export const PipelineMetricNames = {
  documentsProcessed: 'DocumentsProcessed',
  processingFailures: 'ProcessingFailures',
  pipelineDuration: 'PipelineDuration',
  staleJobsRecovered: 'StaleJobsRecovered',
} as const;

/**
 * Counts one delivered message by outcome.
 *
 * @example
 * ```ts
 * emitDocumentOutcome('malformed');
 * ```
 */
export function emitDocumentOutcome(outcome: PipelineOutcome): void {
  emitMetric({ namespace: MetricNamespace.documents, name: PipelineMetricNames.documentsProcessed, unit: 'Count', value: 1, dimensionSets: [{ Outcome: outcome }] });
}

/**
 * Counts one failed attempt by its error code.
 *
 * @example
 * ```ts
 * emitProcessingFailure('LLM_THROTTLED');
 * ```
 */
export function emitProcessingFailure(code: ErrorCode): void {
  emitMetric({ namespace: MetricNamespace.documents, name: PipelineMetricNames.processingFailures, unit: 'Count', value: 1, dimensionSets: [{ ErrorCode: code }] });
}

/**
 * Records upload-to-completed time of one job.
 *
 * @example
 * ```ts
 * emitPipelineDuration(12_345);
 * ```
 */
export function emitPipelineDuration(milliseconds: number): void {
  emitMetric({
    namespace: MetricNamespace.documents,
    name: PipelineMetricNames.pipelineDuration,
    unit: 'Milliseconds',
    value: Math.max(0, Math.round(milliseconds)),
    dimensionSets: [{ DocumentType: 'lab_results' }],
  });
}

/**
 * Counts one stale job the sweeper handled.
 *
 * @example
 * ```ts
 * emitStaleJobRecovered('requeued');
 * ```
 */
export function emitStaleJobRecovered(action: 'requeued' | 'failed'): void {
  emitMetric({ namespace: MetricNamespace.documents, name: PipelineMetricNames.staleJobsRecovered, unit: 'Count', value: 1, dimensionSets: [{ Action: action }] });
}
