/**
 * An access token outlives the account it names by up to its 15 minutes: after
 * `DELETE /account` it still verifies, but nobody is left to act for. Routes that create rows
 * for the user, or report on the user, check here first and answer 401 UNAUTHORIZED, instead of
 * a foreign-key violation's 500 or an erased user's cached usage.
 *
 * @example
 * ```ts
 * await db.transaction().execute(async (tx) => {
 *   await assertUserExists(tx, userId, { lock: true }); // an erasure now waits for this commit
 *   await createJob(tx, { userId, ... });
 * });
 * ```
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/index.ts';

export interface AssertUserExistsOptions {
  /**
   * Take a key-share lock on the user row (inside a transaction): an erasure, which locks the
   * row for update, waits until this transaction has committed, and then erases what it wrote.
   */
  lock?: boolean;
}

export async function assertUserExists(db: Kysely<Database> | Transaction<Database>, userId: string, options: AssertUserExistsOptions = {}): Promise<void> {
  const query = db.selectFrom('users').select('id').where('id', '=', userId);
  const user = await (options.lock === true ? query.forKeyShare() : query).executeTakeFirst();
  if (user === undefined) throw new AppError('UNAUTHORIZED', { message: 'The account of this access token no longer exists' });
}
