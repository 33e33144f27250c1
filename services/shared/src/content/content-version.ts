/**
 * A per-user counter of stored results. The processor bumps it in the transaction that stores
 * a result; readers compare it with the version their cached timeline was built at. One
 * primary-key read instead of the timeline query, and correct across Lambda containers,
 * where an in-process invalidation could never reach.
 * @module
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Increments the user's content version (creating it at 1); call inside the storing transaction. */
export async function bumpContentVersion(db: Db, userId: string): Promise<void> {
  await db
    .insertInto('user_content_versions')
    .values({ user_id: userId, version: 1 })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ version: sql`user_content_versions.version + 1` }))
    .execute();
}

/** The user's current content version; 0 before the first result. */
export async function readContentVersion(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('user_content_versions').select('version').where('user_id', '=', userId).executeTakeFirst();
  return row ? Number(row.version) : 0;
}
