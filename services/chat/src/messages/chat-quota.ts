/**
 * The monthly chat allowance: the user's messages (role `user`) since the start of this calendar
 * month (UTC) against their plan's `chat_messages_per_month`. No subscription row means `free`.
 * @module
 */
import type { Kysely } from 'kysely';
import type { Database } from '#shared/db/schema.ts';
import { AppError } from '#shared/errors/index.ts';
import { readUserPlan } from '#shared/plans/user-plan.ts';

export function startOfMonthUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export async function chatMessagesPerMonth(db: Kysely<Database>, userId: string): Promise<number> {
  return (await readUserPlan(db, userId)).chatMessagesPerMonth;
}

export async function chatMessagesThisMonth(db: Kysely<Database>, userId: string, now = new Date()): Promise<number> {
  const row = await db
    .selectFrom('chat_messages')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('role', '=', 'user')
    .where('created_at', '>=', startOfMonthUtc(now))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Throws 429 QUOTA_EXCEEDED when this month's messages reached the plan's allowance. Checked
 * before the model is called; two requests racing at the limit may both pass (one message over),
 * which costs less than serialising every chat request of a user.
 */
export async function assertChatQuota(db: Kysely<Database>, userId: string): Promise<void> {
  const [limit, used] = await Promise.all([chatMessagesPerMonth(db, userId), chatMessagesThisMonth(db, userId)]);
  if (used >= limit) throw new AppError('QUOTA_EXCEEDED');
}
