/**
 * The user's plan, its monthly limits and this month's usage: documents (jobs created), chat
 * messages (the user's own, which the plan counts) and LLM cost (the cost table's monthly-usage
 * index).
 *
 * Cached per process (Lambda container) for 15 minutes per user and month, the original
 * design's value: the status shown may lag new usage (an upload, a chat message, a model call)
 * by up to 15 minutes. It is informational only: quota enforcement (uploads, chat) reads the
 * database directly at the moment of the request and never this cache.
 *
 * @example
 * ```ts
 * const status = await readSubscriptionStatus(deps, userId, new Date());
 * // { plan: 'free', period: { start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' },
 * //   limits: { documentsPerMonth: 5, chatMessagesPerMonth: 50 }, usage: { documents: 2, chatMessages: 7, llmCostCents: 3.12 } }
 * ```
 * @module
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sql, type Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { isUuid } from '#shared/content/is-uuid.ts';
import { monthlyUsage } from '#shared/cost/monthly-usage.ts';
import { AppError } from '#shared/errors/index.ts';
import { UNCOUNTED_JOB_ERROR } from '#shared/jobs/document-jobs.ts';
import type { Database } from '#shared/db/schema.ts';
import { billingPeriod } from './billing-period.ts';
import { readUserPlan } from '#shared/plans/user-plan.ts';

export const SUBSCRIPTION_STATUS_CACHE_TTL_MS = 15 * 60_000;

/** The plan of every user without a subscription row (migration 0004). */

export interface SubscriptionStatus {
  plan: string;
  /** The current calendar month, UTC: start inclusive, end exclusive (ISO 8601). */
  period: { start: string; end: string };
  limits: { documentsPerMonth: number; chatMessagesPerMonth: number };
  usage: { documents: number; chatMessages: number; llmCostCents: number };
}

export interface SubscriptionStatusDependencies {
  db: Kysely<Database>;
  dynamodb: Pick<DynamoDBDocumentClient, 'send'>;
  costTableName: string;
}

const statusCache = new LRUCache<string, SubscriptionStatus>({ max: 10_000, ttl: SUBSCRIPTION_STATUS_CACHE_TTL_MS });

/** Empties this process's status cache (tests). */
export function clearSubscriptionStatusCache(): void {
  statusCache.clear();
}

async function countInPeriod(db: Kysely<Database>, table: 'document_jobs' | 'chat_messages', userId: string, start: Date, end: Date): Promise<number> {
  let query = db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>=', start)
    .where('created_at', '<', end);
  // What the quotas count: the user's own messages, not the assistant's answers; documents
  // whose upload failed before they were stored are not counted.
  if (table === 'chat_messages') query = query.where('role', '=', 'user');
  else query = query.where(sql<boolean>`error_code is distinct from ${UNCOUNTED_JOB_ERROR}`);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Cents with two decimals: the table keeps fractions of a cent per call. */
function roundCents(cents: number): number {
  return Math.round(cents * 100) / 100;
}

async function buildStatus(deps: SubscriptionStatusDependencies, userId: string, now: Date): Promise<SubscriptionStatus> {
  const period = billingPeriod(now);
  const [plan, documents, chatMessages, llm] = await Promise.all([
    readUserPlan(deps.db, userId),
    countInPeriod(deps.db, 'document_jobs', userId, period.start, period.end),
    countInPeriod(deps.db, 'chat_messages', userId, period.start, period.end),
    monthlyUsage(userId, period.month, { documentClient: deps.dynamodb, tableName: deps.costTableName }),
  ]);
  return {
    plan: plan.id,
    period: { start: period.start.toISOString(), end: period.end.toISOString() },
    limits: { documentsPerMonth: plan.documentsPerMonth, chatMessagesPerMonth: plan.chatMessagesPerMonth },
    usage: { documents, chatMessages, llmCostCents: roundCents(llm.totalCostCents) },
  };
}

/**
 * The status of `userId` for the month of `now`, from the cache when built within 15 minutes
 * in this month.
 *
 * @example
 * ```ts
 * const { plan, usage } = await readSubscriptionStatus(deps, userId, new Date());
 * ```
 */
export async function readSubscriptionStatus(deps: SubscriptionStatusDependencies, userId: string, now: Date): Promise<SubscriptionStatus> {
  // A token whose subject is no user id identifies no one (the issuer only signs user ids).
  if (!isUuid(userId)) throw new AppError('UNAUTHORIZED');
  // The month in the key: a status cached on the 31st never answers for the 1st.
  const key = `${userId}:${billingPeriod(now).month}`;
  const cached = statusCache.get(key);
  if (cached) return cached;
  const status = await buildStatus(deps, userId, now);
  statusCache.set(key, status);
  return status;
}
