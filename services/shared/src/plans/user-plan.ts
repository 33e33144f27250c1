/**
 * A user's plan and its monthly allowances. A user without a subscription row is on `free`
 * (migration 0004), so sign-up needs no write; one query resolves that default in SQL.
 * @module
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The plan every user without a subscription row is on. */
export const DEFAULT_PLAN_ID = 'free';

export interface UserPlan {
  id: string;
  documentsPerMonth: number;
  chatMessagesPerMonth: number;
}

/**
 * @example
 * ```ts
 * const { documentsPerMonth } = await readUserPlan(db, userId); // 5 on free, 100 on premium
 * ```
 */
export async function readUserPlan(db: Kysely<Database> | Transaction<Database>, userId: string): Promise<UserPlan> {
  const plan = await db
    .selectFrom('plans')
    .select(['id', 'documents_per_month', 'chat_messages_per_month'])
    .where('id', '=', sql<string>`coalesce((select plan_id from subscriptions where user_id = ${userId}), ${DEFAULT_PLAN_ID})`)
    .executeTakeFirstOrThrow(() => new Error(`the plan of user ${userId} does not exist`));
  return { id: plan.id, documentsPerMonth: plan.documents_per_month, chatMessagesPerMonth: plan.chat_messages_per_month };
}
