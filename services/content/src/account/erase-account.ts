/**
 * Erases a user (GDPR Art. 17): uploaded originals in S3, usage records in DynamoDB, and every
 * database row; audit events stay (append-only, no foreign key), where the user id remains only
 * as an opaque id that no longer maps to anyone.
 *
 * Order, chosen so a crash at any point is safe to repeat (the user row, and with it the job
 * list, survives until the last step, and every step is idempotent):
 * 1. S3: delete the originals of every job of the user (a missing object is fine).
 * 2. DynamoDB: delete every cost record of the user (Query by userId, BatchWrite of 25).
 * 3. Database, one transaction: lock the user row (`FOR UPDATE`, which also blocks a concurrent
 *    insert of a job or message that references the user), delete the originals of jobs created
 *    since step 1, then delete the user row. Its `ON DELETE CASCADE` foreign keys (verified in
 *    migrations 0002–0008) remove refresh-token families and tokens, subscriptions, document jobs,
 *    contents, lab values, chat messages and content versions.
 * 4. DynamoDB again: a model call that finished during the erasure may have written one more
 *    cost record after step 2.
 *
 * On a second call the user row is gone: steps 1 and 3 find nothing and step 4 still sweeps.
 * @module
 */
import { deleteEveryVersion } from '#shared/storage/delete-every-version.ts';
import type { AccountDependencies } from './account-dependencies.ts';
import { deleteCostRecords } from './cost-records.ts';

export interface ErasureOutcome {
  /** Whether a user row was deleted (false on a repeated call). */
  userDeleted: boolean;
  objectsDeleted: number;
  costRecordsDeleted: number;
}

async function jobObjectKeys(db: AccountDependencies['db'], userId: string): Promise<string[]> {
  const rows = await db.selectFrom('document_jobs').select('object_key').where('user_id', '=', userId).execute();
  return rows.map((row) => row.object_key);
}

export async function eraseAccount(deps: AccountDependencies, userId: string): Promise<ErasureOutcome> {
  const firstKeys = await jobObjectKeys(deps.db, userId);
  await deleteEveryVersion(deps.s3, deps.documentsBucket, firstKeys);
  let costRecordsDeleted = await deleteCostRecords(deps.dynamo, deps.costTableName, userId);

  const { userDeleted, lateKeys } = await deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!user) return { userDeleted: false, lateKeys: [] as string[] };
    const seen = new Set(firstKeys);
    const late = (await jobObjectKeys(trx, userId)).filter((key) => !seen.has(key));
    // Rare (an upload raced the erasure); done under the lock so a crash leaves the row to retry.
    await deleteEveryVersion(deps.s3, deps.documentsBucket, late);
    const deleted = await trx.deleteFrom('users').where('id', '=', userId).executeTakeFirst();
    return { userDeleted: deleted.numDeletedRows > 0n, lateKeys: late };
  });

  costRecordsDeleted += await deleteCostRecords(deps.dynamo, deps.costTableName, userId);
  return { userDeleted, objectsDeleted: firstKeys.length + lateKeys.length, costRecordsDeleted };
}
