/**
 * The user's monthly document allowance, from their subscription's plan. A user without a
 * subscription row is on `free` (migration 0004), so sign-up needs no write.
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '#shared/db/schema.ts';
import { readUserPlan } from '#shared/plans/user-plan.ts';

/**
 * How many documents the user's plan allows per calendar month.
 *
 * @example
 * ```ts
 * await documentsPerMonth(db, userId); // 5 on free, 100 on premium
 * ```
 */
export async function documentsPerMonth(db: Kysely<Database> | Transaction<Database>, userId: string): Promise<number> {
  return (await readUserPlan(db, userId)).documentsPerMonth;
}
