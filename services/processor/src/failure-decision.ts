/**
 * What a failed processing attempt means for the job and its message. The one table of which
 * failures are worth another delivery:
 *
 * | failure | decision | job error (if failed now) |
 * |---|---|---|
 * | LLM_THROTTLED, LLM_UNAVAILABLE, UPSTREAM_TIMEOUT, LLM_MODEL_ERROR (Bedrock, after the SDK's own retries; breaker open) | retry (SQS redelivers) | – |
 * | database unavailable (connection refused, breaker open, …) | retry | – |
 * | any other error (S3 or KMS hiccup, a bug): unknown, so bounded retries | retry | – |
 * | DOCUMENT_UNREADABLE (no lab values, file too large for Converse) | fail now | DOCUMENT_UNREADABLE, not retryable |
 * | INTERPRETATION_INVALID (invalid twice) | fail now | INTERPRETATION_INVALID, not retryable |
 * | LLM_REQUEST_INVALID, LLM_ACCESS_DENIED (our request or model access is wrong) | fail now | PROCESSING_FAILED, retryable |
 * | document missing from the temp bucket | fail now | PROCESSING_FAILED, not retryable |
 *
 * Why: a redelivery only helps when the cause can pass within minutes (throttling, an outage).
 * A rejected request or denied model access fails the same on every delivery, so it is not
 * redelivered; but it is *our* fault, fixed by a deploy, so the job stays retryable by the user
 * (`POST /jobs/{id}/retry`). A missing original cannot be retried by anyone: the user must upload
 * again. "Retry" on the queue's last delivery becomes "fail now, PROCESSING_FAILED, retryable"
 * (process-document.ts), so the job never stays queued behind a dead-lettered message.
 *
 * @example
 * ```ts
 * const decision = decideFailure(error);
 * if (decision.kind === 'retry') await releaseForRedelivery(db, jobId);
 * else await failJob(db, jobId, decision.code, decision.retryable);
 * ```
 * @module
 */
import { isDatabaseUnavailableError } from '#shared/db/database-unavailable.ts';
import { isAppError, type ErrorCode } from '#shared/errors/index.ts';
import { DocumentMissingError } from './document-store.ts';

/**
 * `retry`: release the job and let SQS deliver the message again; `fail`: the job fails now
 * with `code`, and the message is done.
 */
export type FailureDecision = { kind: 'retry'; code: ErrorCode } | { kind: 'fail'; code: ErrorCode; retryable: boolean };

const REDELIVER: ReadonlySet<ErrorCode> = new Set(['LLM_THROTTLED', 'LLM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'LLM_MODEL_ERROR', 'UPSTREAM_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);

/**
 * The decision for `error` (see the module table). `code` is also what logs and the
 * `ProcessingFailures` metric report.
 *
 * @example
 * ```ts
 * decideFailure(new AppError('LLM_THROTTLED'));          // { kind: 'retry', code: 'LLM_THROTTLED' }
 * decideFailure(new AppError('INTERPRETATION_INVALID')); // { kind: 'fail', code: 'INTERPRETATION_INVALID', retryable: false }
 * ```
 */
export function decideFailure(error: unknown): FailureDecision {
  if (error instanceof DocumentMissingError) return { kind: 'fail', code: 'PROCESSING_FAILED', retryable: false };
  if (isDatabaseUnavailableError(error)) return { kind: 'retry', code: 'SERVICE_UNAVAILABLE' };
  if (!isAppError(error)) return { kind: 'retry', code: 'INTERNAL_ERROR' };
  switch (error.code) {
    case 'DOCUMENT_UNREADABLE':
    case 'INTERPRETATION_INVALID':
      return { kind: 'fail', code: error.code, retryable: false };
    case 'LLM_REQUEST_INVALID':
    case 'LLM_ACCESS_DENIED':
      return { kind: 'fail', code: 'PROCESSING_FAILED', retryable: true };
    default:
      return { kind: 'retry', code: REDELIVER.has(error.code) ? error.code : 'INTERNAL_ERROR' };
  }
}
