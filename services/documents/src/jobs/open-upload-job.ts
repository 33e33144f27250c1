/**
 * The database half of accepting an upload: replay the job an Idempotency-Key already
 * produced, or check the plan's monthly quota and create the job in `uploaded`.
 *
 * Both checks are read-then-write, so they run in one transaction holding a per-user advisory
 * lock: two parallel uploads of one user are serialised, the quota cannot be overrun by firing
 * requests at once, and a second request with the same key sees the first one's committed job.
 * The unique index on (user_id, idempotency_key) stays the last word: if a job with the key
 * appears anyway (inserted by a path that did not take the lock), the insert's unique violation
 * is caught and the winner's job replayed.
 * @module
 */
import { sql, type Kysely } from 'kysely';
import type { Database, DocumentJob, DocumentMediaType } from '#shared/db/schema.ts';
import { AppError } from '#shared/errors/index.ts';
import { countJobsThisMonth, createJob, findJobByIdempotencyKey } from '#shared/jobs/document-jobs.ts';
import { assertUserExists } from '#shared/users/assert-user-exists.ts';
import { documentsPerMonth } from './documents-per-month.ts';
import { isIdempotencyConflict } from './is-idempotency-conflict.ts';

export interface UploadJobRequest {
  userId: string;
  mediaType: DocumentMediaType;
  sizeBytes: number;
  idempotencyKey?: string | undefined;
}

export type OpenedJob = { kind: 'created'; job: DocumentJob } | { kind: 'replayed'; job: DocumentJob };

/**
 * A new job (`created`) or the key's earlier job (`replayed`, which does not count against
 * the quota); throws QUOTA_EXCEEDED when the plan's documents for this month are used up, and
 * UNAUTHORIZED when the token's account has been erased.
 *
 * @example
 * ```ts
 * const opened = await openUploadJob(db, { userId, mediaType: 'image/png', sizeBytes: 812, idempotencyKey: 'scan-42' });
 * if (opened.kind === 'replayed') return opened.job; // nothing stored or sent again
 * ```
 */
export async function openUploadJob(db: Kysely<Database>, request: UploadJobRequest): Promise<OpenedJob> {
  const { userId, idempotencyKey } = request;
  try {
    return await db.transaction().execute(async (tx): Promise<OpenedJob> => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`document-upload:${userId}`}, 0))`.execute(tx);
      await assertUserExists(tx, userId, { lock: true });
      if (idempotencyKey) {
        const earlier = await findJobByIdempotencyKey(tx, userId, idempotencyKey);
        if (earlier) return { kind: 'replayed', job: earlier };
      }
      const used = await countJobsThisMonth(tx, userId);
      const allowed = await documentsPerMonth(tx, userId);
      if (used >= allowed) throw new AppError('QUOTA_EXCEEDED');
      const job = await createJob(tx, { userId, mediaType: request.mediaType, sizeBytes: request.sizeBytes, idempotencyKey: idempotencyKey ?? null });
      return { kind: 'created', job };
    });
  } catch (error) {
    if (!idempotencyKey || !isIdempotencyConflict(error)) throw error;
    // The transaction is rolled back; the winner committed (that is what made the insert fail).
    const winner = await findJobByIdempotencyKey(db, userId, idempotencyKey);
    if (!winner) throw error;
    return { kind: 'replayed', job: winner };
  }
}
