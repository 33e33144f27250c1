/**
 * Recognises the unique violation PostgreSQL raises when two requests insert a job with the
 * same (user, Idempotency-Key): the loser's signal to answer with the winner's job.
 * @module
 */
import pg from 'pg';

/** The partial unique index of migration 0005. */
export const IDEMPOTENCY_INDEX = 'document_jobs_idempotency_idx';

/**
 * True for SQLSTATE 23505 on the idempotency index (and only that index).
 *
 * @example
 * ```ts
 * try { await createJob(db, job); } catch (error) { if (isIdempotencyConflict(error)) return findJobByIdempotencyKey(db, userId, key); throw error; }
 * ```
 */
export function isIdempotencyConflict(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === '23505' && error.constraint === IDEMPOTENCY_INDEX;
}
