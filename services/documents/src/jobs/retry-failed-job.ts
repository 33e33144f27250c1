/**
 * `POST /jobs/{id}/retry`: puts a failed, retryable job back on the queue, if its original is
 * still in the temp bucket. The status change is the conditional `requeueFailedJob`, so two
 * retries at once requeue (and send) once; the loser is answered 409.
 *
 * If the message cannot be sent after the job was requeued, the job goes back to failed and
 * retryable (PROCESSING_FAILED): a `queued` job without a message would wait forever.
 * @module
 */
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent, writeFailureAuditEvent } from '#shared/audit/write-audit-event.ts';
import type { DocumentJob } from '#shared/db/schema.ts';
import { AppError, type ErrorCode } from '#shared/errors/index.ts';
import { failJob, getJobForUser, requeueFailedJob } from '#shared/jobs/document-jobs.ts';
import { logger } from '#shared/observability/logger.ts';
import type { DocumentsDependencies } from '../documents-dependencies.ts';
import { isJobId } from '../domain/job-id.ts';
import { enqueueJob } from '../queue/enqueue-job.ts';
import { originalExists } from '../storage/original-exists.ts';
import { JOB_RESOURCE_TYPE } from './job-resource.ts';

export interface RetryRequest {
  userId: string;
  jobId: string;
  requestId: string;
}

/**
 * The requeued job, or throws NOT_FOUND (malformed, missing or another user's),
 * JOB_NOT_RETRYABLE, or SERVICE_UNAVAILABLE (S3 or SQS unreachable).
 *
 * @example
 * ```ts
 * const job = await retryFailedJob(deps, { userId, jobId, requestId }); // job.status === 'queued'
 * ```
 */
export async function retryFailedJob(deps: DocumentsDependencies, request: RetryRequest): Promise<DocumentJob> {
  const { userId, jobId, requestId } = request;
  const refuse = async (code: ErrorCode, error?: unknown): Promise<never> => {
    await writeFailureAuditEvent(deps.db, {
      actorId: userId,
      action: AuditActions.jobRetried,
      resourceType: JOB_RESOURCE_TYPE,
      resourceId: isJobId(jobId) ? jobId : null,
      outcome: 'failure',
      reason: code,
      requestId,
    });
    throw new AppError(code, error === undefined ? {} : { cause: error });
  };

  const job = isJobId(jobId) ? await getJobForUser(deps.db, userId, jobId) : undefined;
  if (!job) return refuse('NOT_FOUND');
  if (job.status !== 'failed' || job.error_retryable !== true) return refuse('JOB_NOT_RETRYABLE');

  let stored: boolean;
  try {
    stored = await originalExists(deps.s3, deps.documents.bucket, job.object_key);
  } catch (error) {
    return refuse('SERVICE_UNAVAILABLE', error);
  }
  if (!stored) return refuse('JOB_NOT_RETRYABLE');

  const requeued = await requeueFailedJob(deps.db, userId, job.id);
  if (!requeued) return refuse('JOB_NOT_RETRYABLE'); // another retry (or a change) got there first

  try {
    await enqueueJob(deps.sqs, deps.documents.queueUrl, job.id);
  } catch (error) {
    try {
      await failJob(deps.db, job.id, 'PROCESSING_FAILED', true);
    } catch (recordError) {
      logger.error('could not return a requeued job to failed after the queue refused it', { jobId: job.id, error: recordError });
    }
    return refuse('SERVICE_UNAVAILABLE', error);
  }

  await writeAuditEvent(deps.db, { actorId: userId, action: AuditActions.jobRetried, resourceType: JOB_RESOURCE_TYPE, resourceId: job.id, outcome: 'success', requestId });
  return requeued;
}
