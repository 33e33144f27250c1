/**
 * The user's monthly document allowance, from their subscription's plan. A user without a
 * subscription row is on `free` (migration 0004), so sign-up needs no write.
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '#shared/db/schema.ts';

/** The plan every user without a subscription row is on. */
export const DEFAULT_PLAN_ID = 'free';

/**
 * How many documents the user's plan allows per calendar month.
 *
 * @example
 * ```ts
 * await documentsPerMonth(db, userId); // 5 on free, 100 on premium
 * ```
 */
export async function documentsPerMonth(db: Kysely<Database> | Transaction<Database>, userId: string): Promise<number> {
  const subscription = await db.selectFrom('subscriptions').select('plan_id').where('user_id', '=', userId).executeTakeFirst();
  const plan = await db
    .selectFrom('plans')
    .select('documents_per_month')
    .where('id', '=', subscription?.plan_id ?? DEFAULT_PLAN_ID)
    .executeTakeFirstOrThrow(() => new Error(`plan ${subscription?.plan_id ?? DEFAULT_PLAN_ID} does not exist`));
  return plan.documents_per_month;
}
