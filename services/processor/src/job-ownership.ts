/**
 * Whether this delivery still owns the job it claimed, checked under a row lock in the
 * transaction that stores the result. A claim is a conditional update (`claimForProcessing`),
 * but a worker that outlived the stale threshold can be overtaken: another delivery reclaims
 * the job (status stays `processing`, `attempts` goes up). `completeJob` alone would let both
 * complete; locking the row with the `attempts` value of our claim lets only the latest claim
 * store a result, and makes the loser roll back.
 *
 * `attempts` rather than `processing_started_at` is the claim token: it changes on every claim,
 * and a JavaScript Date cannot round-trip PostgreSQL's microsecond timestamps for an equality.
 *
 * @example
 * ```ts
 * await db.transaction().execute(async (trx) => {
 *   if (!(await lockClaimedJob(trx, job))) throw new JobSupersededError();
 *   …store the content, completeJob…
 * });
 * ```
 * @module
 */
import type { Transaction } from 'kysely';
import type { Database, DocumentJob } from '#shared/db/schema.ts';

/**
 * Another delivery has reclaimed or finished the job since this one claimed it.
 *
 * @example
 * ```ts
 * if (error instanceof JobSupersededError) return { kind: 'skipped' };
 * ```
 */
export class JobSupersededError extends Error {
  constructor() {
    super('the job was reclaimed or finished by another delivery');
    this.name = 'JobSupersededError';
  }
}

/**
 * Locks the job row (FOR UPDATE) if it is still `processing` under our claim; false otherwise.
 *
 * @example
 * ```ts
 * const owned = await lockClaimedJob(trx, claimedJob);
 * ```
 */
export async function lockClaimedJob(trx: Transaction<Database>, claimed: Pick<DocumentJob, 'id' | 'attempts'>): Promise<boolean> {
  const row = await trx
    .selectFrom('document_jobs')
    .select('id')
    .where('id', '=', claimed.id)
    .where('status', '=', 'processing')
    .where('attempts', '=', claimed.attempts)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}
