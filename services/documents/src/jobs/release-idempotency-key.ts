/**
 * Frees a job's Idempotency-Key, so the same key can start a new job. Used when an upload
 * failed before the document was stored: the client was told 503 "try again", and trying
 * again with the same key must then do the work rather than replay a job that has nothing.
 * Not a status transition: the job keeps its state (failed) and stays visible.
 * @module
 */
import type { Kysely } from 'kysely';
import type { Database } from '#shared/db/schema.ts';

/**
 * Clears `idempotency_key` on the job.
 *
 * @example
 * ```ts
 * await failJob(db, job.id, 'UPLOAD_FAILED', false);
 * await releaseIdempotencyKey(db, job.id);
 * ```
 */
export async function releaseIdempotencyKey(db: Kysely<Database>, jobId: string): Promise<void> {
  await db.updateTable('document_jobs').set({ idempotency_key: null }).where('id', '=', jobId).execute();
}
