/**
 * One job, end to end, for one delivery of its message:
 *
 * 1. Claim it (`claimForProcessing`: queued → processing, or reclaim a stale `processing` job).
 *    Nothing to claim means a duplicate or redelivered message for a job another delivery owns
 *    or finished: do nothing (`skipped`), and the message is done.
 * 2. Read the original from the temp bucket, into memory only.
 * 3. Interpret it (interpret-document.ts): Converse with the document and the forced tool,
 *    validated, one corrective turn at most.
 * 4. Encrypt the content's PHI columns (`encryptLabContent`: KMS, outside any transaction), then
 *    in ONE transaction: check the claim is still ours (job-ownership.ts), insert the content
 *    (`insertLabContent`; the two make up the shared `storeLabContent`), `completeJob`, and the
 *    `content.created` audit event; so a result, its job status and its audit record exist
 *    together or not at all.
 * 5. Delete the original. A failed delete is logged, not fatal: the job is done, and the bucket's
 *    lifecycle rule removes the object within a day.
 *
 * A failure is settled by failure-decision.ts: retryable ones release the job (processing →
 * queued) and ask for redelivery, except on the queue's last delivery, where the job fails
 * with PROCESSING_FAILED (retryable by the user) and the message goes on to the dead-letter
 * queue; permanent ones fail the job with their code and finish the message. Should the
 * database refuse even that, the job stays `processing` until it is stale, when a redelivery or
 * the stale-job sweeper takes it up again.
 *
 * Never throws: the outcome says what the SQS handler must report.
 *
 * @example
 * ```ts
 * const outcome = await processDocument(deps, { jobId, receiveCount: 1, requestId: context.awsRequestId, remainingTimeMs });
 * if (outcome.kind === 'retried' || outcome.kind === 'exhausted') batchItemFailures.push({ itemIdentifier: messageId });
 * ```
 * @module
 */
import { writeAuditEvent } from '#shared/audit/write-audit-event.ts';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { encryptLabContent, insertLabContent } from '#shared/content/index.ts';
import type { DocumentJob, JobStatus } from '#shared/db/schema.ts';
import type { ErrorCode } from '#shared/errors/index.ts';
import { claimForProcessing, completeJob, failJob, getJob, releaseForRedelivery } from '#shared/jobs/document-jobs.ts';
import { logger } from '#shared/observability/logger.ts';
import { decideFailure } from './failure-decision.ts';
import { interpretDocument } from './interpret-document.ts';
import { JobSupersededError, lockClaimedJob } from './job-ownership.ts';
import { emitRecoveryOutcome } from '#shared/observability/recovery-metrics.ts';
import { emitDocumentOutcome, emitPipelineDuration, emitProcessingFailure } from './pipeline-metrics.ts';
import type { ProcessorDependencies } from './processor-dependencies.ts';

/**
 * One delivery of one job's message.
 *
 * @example
 * ```ts
 * const request: ProcessDocumentRequest = { jobId, receiveCount: 2, requestId, remainingTimeMs: () => 170_000 };
 * ```
 */
export interface ProcessDocumentRequest {
  jobId: string;
  /** The message's `ApproximateReceiveCount` (1 on the first delivery). */
  receiveCount: number;
  /** The invocation's request id: logs and the audit event. */
  requestId: string;
  /** Milliseconds left in the invocation (bounds the Bedrock calls). */
  remainingTimeMs: () => number;
}

/**
 * What became of the delivery. `retried` and `exhausted` must be reported as batch item
 * failures (redelivery, or the move to the dead-letter queue); every other outcome finishes the
 * message.
 *
 * @example
 * ```ts
 * if (needsRedelivery(outcome)) failures.push({ itemIdentifier: record.messageId });
 * ```
 */
export type ProcessingOutcome =
  | { kind: 'completed'; contentId: string }
  | { kind: 'failed'; code: ErrorCode; retryable: boolean }
  | { kind: 'retried'; code: ErrorCode }
  | { kind: 'exhausted'; code: ErrorCode }
  | { kind: 'skipped'; status: JobStatus | 'missing' | 'unknown' };

/**
 * Whether SQS must see the message as failed.
 *
 * @example
 * ```ts
 * needsRedelivery({ kind: 'retried', code: 'LLM_THROTTLED' }); // true
 * ```
 */
export function needsRedelivery(outcome: ProcessingOutcome): boolean {
  return outcome.kind === 'retried' || outcome.kind === 'exhausted';
}

/**
 * Processes one delivery (see the module description); counts it in `DocumentsProcessed`.
 *
 * @example
 * ```ts
 * const outcome = await processDocument(deps, request); // { kind: 'completed', contentId: '…' }
 * ```
 */
export async function processDocument(deps: ProcessorDependencies, request: ProcessDocumentRequest): Promise<ProcessingOutcome> {
  const outcome = await run(deps, request);
  emitDocumentOutcome(outcome.kind);
  // SQS redelivery is the pipeline's retry strategy: it worked when a redelivered message
  // completes the job, and failed when the last delivery still fails retryably.
  if (outcome.kind === 'completed' && request.receiveCount > 1) emitRecoveryOutcome('retry', true);
  if (outcome.kind === 'exhausted') emitRecoveryOutcome('retry', false);
  return outcome;
}

async function run(deps: ProcessorDependencies, request: ProcessDocumentRequest): Promise<ProcessingOutcome> {
  const { db, config } = deps;
  const { jobId } = request;
  const startedAt = performance.now();
  let job: DocumentJob | undefined;
  try {
    job = await claimForProcessing(db, jobId, config.staleAfterSeconds);
  } catch (error) {
    return settleFailure(deps, request, error);
  }
  if (job === undefined) return skip(deps, request);

  const claimed = job;
  try {
    const bytes = await deps.documents.read(claimed.object_key);
    const { interpretation, modelId, calls } = await interpretDocument(deps.bedrock, {
      bytes,
      mediaType: claimed.media_type,
      // The job id as the LLM request id: the cost record then names the job it paid for.
      ctx: { userId: claimed.user_id, documentType: 'lab_results', requestId: claimed.id, remainingTimeMs: request.remainingTimeMs },
    });
    // KMS calls before the transaction, so the job row's lock is held for inserts only.
    const encrypted = await encryptLabContent(deps.cipher, { userId: claimed.user_id, jobId: claimed.id, modelId, interpretation });
    const contentId = await db.transaction().execute(async (trx) => {
      if (!(await lockClaimedJob(trx, claimed))) throw new JobSupersededError();
      const stored = await insertLabContent(trx, encrypted);
      if ((await completeJob(trx, claimed.id, stored.contentId)) === undefined) throw new JobSupersededError();
      await writeAuditEvent(trx, {
        actorId: claimed.user_id,
        action: AuditActions.contentCreated,
        resourceType: 'content',
        resourceId: stored.contentId,
        outcome: 'success',
        requestId: request.requestId,
      });
      return stored.contentId;
    });
    await deleteOriginal(deps, claimed);
    emitPipelineDuration(Date.now() - claimed.created_at.getTime());
    logger.info('document processed', {
      jobId,
      contentId,
      attempt: claimed.attempts,
      receiveCount: request.receiveCount,
      modelCalls: calls,
      valueCount: interpretation.labValues.length,
      durationMs: Math.round(performance.now() - startedAt),
    });
    return { kind: 'completed', contentId };
  } catch (error) {
    if (error instanceof JobSupersededError) {
      logger.warn('job was reclaimed by another delivery; result discarded', { jobId, attempt: claimed.attempts });
      return { kind: 'skipped', status: 'processing' };
    }
    return settleFailure(deps, request, error, claimed);
  }
}

/** A message for a job that is not ours to process: say why in the log, then drop it. */
async function skip(deps: ProcessorDependencies, request: ProcessDocumentRequest): Promise<ProcessingOutcome> {
  let status: JobStatus | 'missing' | 'unknown';
  try {
    status = (await getJob(deps.db, request.jobId))?.status ?? 'missing';
  } catch {
    status = 'unknown';
  }
  logger.info('job not claimable (duplicate, in progress elsewhere, or finished); message dropped', { jobId: request.jobId, status, receiveCount: request.receiveCount });
  return { kind: 'skipped', status };
}

async function settleFailure(deps: ProcessorDependencies, request: ProcessDocumentRequest, error: unknown, job?: DocumentJob): Promise<ProcessingOutcome> {
  const { db, config } = deps;
  const { jobId } = request;
  const decision = decideFailure(error);
  const lastDelivery = request.receiveCount >= config.maxReceives;
  emitProcessingFailure(decision.code);
  // Names and codes only: messages of upstream errors can quote the request.
  logger.warn('document processing failed', {
    jobId,
    code: decision.code,
    decision: decision.kind,
    errorName: error instanceof Error ? error.name : typeof error,
    errorCode: (error as { code?: unknown } | null)?.code,
    attempt: job?.attempts,
    receiveCount: request.receiveCount,
    lastDelivery,
  });

  if (decision.kind === 'fail') {
    try {
      await failJob(db, jobId, decision.code, decision.retryable);
      return { kind: 'failed', code: decision.code, retryable: decision.retryable };
    } catch (stateError) {
      // Not recorded: have the message delivered again, so that the next delivery records it.
      logStateError('failJob', jobId, stateError);
      return lastDelivery ? { kind: 'exhausted', code: decision.code } : { kind: 'retried', code: decision.code };
    }
  }

  if (lastDelivery) {
    try {
      await failJob(db, jobId, 'PROCESSING_FAILED', true);
    } catch (stateError) {
      logStateError('failJob', jobId, stateError);
    }
    return { kind: 'exhausted', code: decision.code };
  }
  if (job !== undefined) {
    try {
      await releaseForRedelivery(db, jobId);
    } catch (stateError) {
      // The job stays `processing`; once stale, the redelivery reclaims it.
      logStateError('releaseForRedelivery', jobId, stateError);
    }
  }
  return { kind: 'retried', code: decision.code };
}

async function deleteOriginal(deps: ProcessorDependencies, job: DocumentJob): Promise<void> {
  try {
    await deps.documents.delete(job.object_key);
  } catch (error) {
    logger.warn('temp object not deleted; the bucket lifecycle rule will expire it', { jobId: job.id, errorName: error instanceof Error ? error.name : typeof error });
  }
}

function logStateError(step: string, jobId: string, error: unknown): void {
  logger.error('job state not recorded; stale-job recovery will take it up', { jobId, step, errorName: error instanceof Error ? error.name : typeof error });
}
