/**
 * Inserts an encrypted content and its lab values. Works on a Kysely handle or inside the
 * caller's transaction; it opens none itself, so the processor can store the content and
 * complete the job atomically.
 *
 * @example
 * ```ts
 * await db.transaction().execute(async (trx) => {
 *   await insertLabContent(trx, encrypted);
 *   await completeJob(trx, jobId, encrypted.contentId);
 * });
 * ```
 * @module
 */
import { bumpContentVersion } from './content-version.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { EncryptedLabContent } from './encrypt-lab-content.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts the contents row, then its lab values in one statement.
 *
 * @example
 * ```ts
 * const { contentId } = await insertLabContent(trx, encrypted);
 * ```
 */
export async function insertLabContent(db: Db, encrypted: EncryptedLabContent): Promise<{ contentId: string }> {
  await db.insertInto('contents').values(encrypted.content).execute();
  // One statement for all values: at most 200 rows × 5 parameters, far below PostgreSQL's limit.
  if (encrypted.labValues.length > 0) await db.insertInto('lab_values').values(encrypted.labValues).execute();
  // Timelines cached anywhere see the new result on their next version check.
  await bumpContentVersion(db, encrypted.content.user_id);
  return { contentId: encrypted.contentId };
}
