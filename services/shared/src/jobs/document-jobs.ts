/**
 * The document job's life, as conditional status transitions: every change names the states
 * it may start from, so two deliveries of one queue message, a retry racing a redelivery, or
 * a crash between steps can never push a job backwards or process it twice.
 *
 * ```
 * uploaded ─► queued ─► processing ─► completed
 *    │          │           │
 *    └──────────┴───────────┴─► failed ─(retryable, by the user)─► queued
 * processing (stale: started longer ago than the processor's budget) ─► processing (reclaimed)
 * ```
 * @module
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { ErrorCatalog, type ErrorCode } from '../errors/index.ts';
import type { Database, DocumentJob, DocumentMediaType, JobStatus } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** How long an Idempotency-Key keeps pointing at its first job. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

export function objectKeyFor(jobId: string): string {
  return `jobs/${jobId}_original`;
}

export interface NewJob {
  userId: string;
  mediaType: DocumentMediaType;
  sizeBytes: number;
  idempotencyKey?: string | null;
}

/** Inserts the job in `uploaded`; its id is chosen here so the object key is known first. */
export async function createJob(db: Db, job: NewJob): Promise<DocumentJob> {
  const id = randomUUID();
  return db
    .insertInto('document_jobs')
    .values({ id, user_id: job.userId, object_key: objectKeyFor(id), media_type: job.mediaType, size_bytes: job.sizeBytes, idempotency_key: job.idempotencyKey ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The job an Idempotency-Key already produced within the window; frees an expired key. */
export async function findJobByIdempotencyKey(db: Db, userId: string, key: string): Promise<DocumentJob | undefined> {
  const job = await db.selectFrom('document_jobs').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();
  if (!job) return undefined;
  if (job.created_at.getTime() > Date.now() - IDEMPOTENCY_WINDOW_HOURS * 3600_000) return job;
  await db.updateTable('document_jobs').set({ idempotency_key: null }).where('id', '=', job.id).where('idempotency_key', '=', key).execute();
  return undefined;
}

export async function getJobForUser(db: Db, userId: string, jobId: string): Promise<DocumentJob | undefined> {
  return db.selectFrom('document_jobs').selectAll().where('id', '=', jobId).where('user_id', '=', userId).executeTakeFirst();
}

export async function getJob(db: Db, jobId: string): Promise<DocumentJob | undefined> {
  return db.selectFrom('document_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
}

/**
 * Jobs failed with this code never got their document stored (the upload was answered 503):
 * the plan's quota and the usage shown leave them out.
 */
export const UNCOUNTED_JOB_ERROR: ErrorCode = 'UPLOAD_FAILED';

/** Documents created by the user this calendar month (UTC): what the plan's quota counts. */
export async function countJobsThisMonth(db: Db, userId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from document_jobs
    where user_id = ${userId} and created_at >= date_trunc('month', now() at time zone 'utc') at time zone 'utc'
      and error_code is distinct from ${UNCOUNTED_JOB_ERROR}`.execute(db);
  return rows[0]?.n ?? 0;
}

async function transition(db: Db, jobId: string, from: readonly JobStatus[], set: Record<string, unknown>): Promise<DocumentJob | undefined> {
  return db
    .updateTable('document_jobs')
    .set({ ...set, updated_at: sql<Date>`now()` })
    .where('id', '=', jobId)
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
}

/** uploaded → queued, once the message is on the queue. */
export function markQueued(db: Db, jobId: string): Promise<DocumentJob | undefined> {
  return transition(db, jobId, ['uploaded'], { status: 'queued' });
}

/**
 * queued → processing, or reclaims a `processing` job whose worker died (started more than
 * `staleAfterSeconds` ago). Undefined means another delivery owns it or it is finished:
 * the caller must do nothing.
 */
export async function claimForProcessing(db: Db, jobId: string, staleAfterSeconds: number): Promise<DocumentJob | undefined> {
  return db
    .updateTable('document_jobs')
    .set({ status: 'processing', attempts: sql<number>`attempts + 1`, processing_started_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', jobId)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['uploaded', 'queued']),
        eb.and([eb('status', '=', 'processing'), eb('processing_started_at', '<', sql<Date>`now() - make_interval(secs => ${staleAfterSeconds})`)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** processing → queued: the attempt failed in a retryable way and the message will be redelivered. */
export function releaseForRedelivery(db: Db, jobId: string): Promise<DocumentJob | undefined> {
  return transition(db, jobId, ['processing'], { status: 'queued', processing_started_at: null });
}

/** processing → completed with its content (call inside the transaction that stored the content). */
export function completeJob(db: Db, jobId: string, contentId: string): Promise<DocumentJob | undefined> {
  return transition(db, jobId, ['processing'], { status: 'completed', content_id: contentId, completed_at: sql<Date>`now()`, error_code: null, error_message: null, error_retryable: null });
}

/** Any unfinished state → failed with a catalog code; the public message comes from the catalog. */
export function failJob(db: Db, jobId: string, code: ErrorCode, retryable: boolean): Promise<DocumentJob | undefined> {
  return transition(db, jobId, ['uploaded', 'queued', 'processing'], {
    status: 'failed',
    error_code: code,
    error_message: ErrorCatalog[code].message,
    error_retryable: retryable,
    processing_started_at: null,
  });
}

/** failed (retryable) → queued, for POST /jobs/{id}/retry. */
export function requeueFailedJob(db: Db, userId: string, jobId: string): Promise<DocumentJob | undefined> {
  return db
    .updateTable('document_jobs')
    .set({ status: 'queued', error_code: null, error_message: null, error_retryable: null, updated_at: sql<Date>`now()` })
    .where('id', '=', jobId)
    .where('user_id', '=', userId)
    .where('status', '=', 'failed')
    .where('error_retryable', '=', true)
    .returningAll()
    .executeTakeFirst();
}

/** Jobs stuck in `processing` longer than the processor's budget: their worker is gone. */
export async function findStaleProcessingJobs(db: Db, staleAfterSeconds: number): Promise<DocumentJob[]> {
  return db
    .selectFrom('document_jobs')
    .selectAll()
    .where('status', '=', 'processing')
    .where('processing_started_at', '<', sql<Date>`now() - make_interval(secs => ${staleAfterSeconds})`)
    .execute();
}

/**
 * Jobs that never started: `uploaded` longer than `uploadedAfterSeconds` (the upload request
 * died between storing and queueing) or `queued` longer than `queuedAfterSeconds` (the message
 * was lost or dead-lettered without the job being settled). Re-sending their message is safe:
 * the processor's claim ignores copies.
 */
export async function findStaleUnstartedJobs(db: Db, uploadedAfterSeconds: number, queuedAfterSeconds: number): Promise<DocumentJob[]> {
  return db
    .selectFrom('document_jobs')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'uploaded'), eb('updated_at', '<', sql<Date>`now() - make_interval(secs => ${uploadedAfterSeconds})`)]),
        eb.and([eb('status', '=', 'queued'), eb('updated_at', '<', sql<Date>`now() - make_interval(secs => ${queuedAfterSeconds})`)]),
      ]),
    )
    .execute();
}

/** The public view of a job, as GET /jobs/{id} answers it. */
export interface JobView {
  jobId: string;
  status: JobStatus;
  createdAt: string;
  updatedAt: string;
  attempts: number;
  contentId?: string;
  error?: { code: string; message: string; retryable: boolean };
}

export function toJobView(job: DocumentJob): JobView {
  return {
    jobId: job.id,
    status: job.status,
    createdAt: job.created_at.toISOString(),
    updatedAt: job.updated_at.toISOString(),
    attempts: job.attempts,
    ...(job.content_id ? { contentId: job.content_id } : {}),
    ...(job.error_code ? { error: { code: job.error_code, message: job.error_message ?? '', retryable: job.error_retryable ?? false } } : {}),
  };
}
