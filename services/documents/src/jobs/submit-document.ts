/**
 * Accepting an upload, end to end: open the job (or replay the Idempotency-Key's job), store
 * the original in S3, put `{jobId}` on the processing queue, mark the job `queued`, audit.
 *
 * Every way this can stop half-way leaves the job in a state someone acts on:
 * - **S3 refuses the object** (bucket missing, S3 down, KMS denied): the document never
 *   arrived, so there is nothing anyone could process or retry. The job is failed with
 *   UPLOAD_FAILED, *not retryable*, which the monthly quota does not count, and its
 *   Idempotency-Key is released: the client is told
 *   503 "try again", and the same request with the same key must then really run again instead
 *   of replaying a job without a document. (Had S3 stored the object and only the answer got
 *   lost, the object is unreferenced and the bucket's lifecycle expiry removes it.)
 * - **SQS refuses the message** after the object is stored: the document is safe, only the
 *   hand-over failed. The job is failed with PROCESSING_FAILED, *retryable*, so
 *   `POST /jobs/{id}/retry` (which checks the object is still there) sends it again; the key
 *   keeps pointing at this job, so replaying the upload shows the job and its retryable error
 *   rather than storing a second copy. If the message did go out despite the error, the
 *   processor finds the job failed and leaves it alone (it only claims `uploaded`/`queued`).
 *   Either way the client is answered 503.
 * - **Marking `queued` fails** after the message is sent: the processor claims `uploaded` jobs
 *   too, so the job is processed anyway; the error (database down) is answered 503.
 * - If recording a failure itself fails (the database is down too), it is logged with the job
 *   id; the job then stays `uploaded`, which only a sweep of old `uploaded` jobs can find.
 * @module
 */
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent, writeFailureAuditEvent } from '#shared/audit/write-audit-event.ts';
import type { DocumentJob } from '#shared/db/schema.ts';
import { AppError } from '#shared/errors/index.ts';
import { failJob, getJob, markQueued } from '#shared/jobs/document-jobs.ts';
import { logger } from '#shared/observability/logger.ts';
import type { DocumentsDependencies } from '../documents-dependencies.ts';
import type { UploadedFile } from '../domain/read-upload-file.ts';
import { enqueueJob } from '../queue/enqueue-job.ts';
import { storeOriginal } from '../storage/store-original.ts';
import { JOB_RESOURCE_TYPE } from './job-resource.ts';
import { openUploadJob } from './open-upload-job.ts';
import { releaseIdempotencyKey } from './release-idempotency-key.ts';

export interface DocumentSubmission {
  userId: string;
  file: UploadedFile;
  idempotencyKey?: string | undefined;
  requestId: string;
}

export interface SubmittedDocument {
  job: DocumentJob;
  /** True when the Idempotency-Key's earlier job was returned and nothing was done again. */
  replayed: boolean;
}

/**
 * The accepted job (normally `queued`), or throws: QUOTA_EXCEEDED, or SERVICE_UNAVAILABLE
 * after leaving the job failed as described above.
 *
 * @example
 * ```ts
 * const { job, replayed } = await submitDocument(deps, { userId, file, idempotencyKey, requestId });
 * ```
 */
export async function submitDocument(deps: DocumentsDependencies, submission: DocumentSubmission): Promise<SubmittedDocument> {
  const { userId, file, requestId } = submission;
  const opened = await openUploadJob(deps.db, { userId, mediaType: file.mediaType, sizeBytes: file.bytes.length, idempotencyKey: submission.idempotencyKey });
  // A replay stores nothing, sends nothing and audits no second upload.
  if (opened.kind === 'replayed') return { job: opened.job, replayed: true };
  const { job } = opened;

  try {
    await storeOriginal(deps.s3, deps.documents, { objectKey: job.object_key, bytes: file.bytes, mediaType: file.mediaType, userId, uploadedAt: job.created_at });
  } catch (error) {
    await recordFailedUpload(deps, job, { code: 'UPLOAD_FAILED', retryable: false, releaseKey: true, requestId });
    throw new AppError('SERVICE_UNAVAILABLE', { cause: error });
  }

  try {
    await enqueueJob(deps.sqs, deps.documents.queueUrl, job.id);
  } catch (error) {
    await recordFailedUpload(deps, job, { code: 'PROCESSING_FAILED', retryable: true, releaseKey: false, requestId });
    throw new AppError('SERVICE_UNAVAILABLE', { cause: error });
  }

  // Undefined when the processor already claimed the job (it may be faster than this line).
  const current = (await markQueued(deps.db, job.id)) ?? (await getJob(deps.db, job.id)) ?? job;
  await writeAuditEvent(deps.db, { actorId: userId, action: AuditActions.documentUploaded, resourceType: JOB_RESOURCE_TYPE, resourceId: job.id, outcome: 'success', requestId });
  return { job: current, replayed: false };
}

interface FailedUpload {
  code: 'UPLOAD_FAILED' | 'PROCESSING_FAILED';
  retryable: boolean;
  releaseKey: boolean;
  requestId: string;
}

async function recordFailedUpload(deps: DocumentsDependencies, job: DocumentJob, failure: FailedUpload): Promise<void> {
  try {
    await failJob(deps.db, job.id, failure.code, failure.retryable);
    if (failure.releaseKey && job.idempotency_key !== null) await releaseIdempotencyKey(deps.db, job.id);
  } catch (error) {
    logger.error('could not mark a half-accepted upload failed; it stays uploaded', { jobId: job.id, error });
  }
  await writeFailureAuditEvent(deps.db, {
    actorId: job.user_id,
    action: AuditActions.documentUploaded,
    resourceType: JOB_RESOURCE_TYPE,
    resourceId: job.id,
    outcome: 'failure',
    reason: 'SERVICE_UNAVAILABLE',
    requestId: failure.requestId,
  });
}
