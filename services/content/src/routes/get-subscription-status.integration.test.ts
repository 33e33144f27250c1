import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { failJob } from '#shared/jobs/document-jobs.ts';
import { PLACEHOLDER_CIPHERTEXT } from '../../../../emulation/src/testing/test-users.ts';
import { billingPeriod } from '../domain/billing-period.ts';
import { clearSubscriptionStatusCache } from '../domain/subscription-status.ts';
import { codeOf, createContentTestContext, type ContentTestContext } from '../testing/content-test-context.ts';

let ctx: ContentTestContext;
beforeAll(async () => {
  ctx = await createContentTestContext();
});
afterAll(async () => ctx?.close());
beforeEach(() => clearSubscriptionStatusCache());
afterEach(() => vi.restoreAllMocks());

/**
 * Moves the cache's clock (lru-cache reads `performance.now()`) `ms` ahead, then lets its 1 ms
 * clock memo lapse so the next read sees the new time.
 */
async function advanceCacheClock(ms: number): Promise<void> {
  vi.restoreAllMocks();
  const realNow = performance.now.bind(performance);
  vi.spyOn(performance, 'now').mockImplementation(() => realNow() + ms);
  await new Promise((resolve) => setTimeout(resolve, 5));
}

const period = billingPeriod(new Date());
const lastMonth = new Date(period.start.getTime() - 10 * 86_400_000);
const lastMonthKey = billingPeriod(lastMonth).month;

async function status(userId: string) {
  const res = await ctx.get('/subscriptions/status', userId);
  expect(res.status).toBe(200);
  return (await res.json()) as { plan: string; period: { start: string; end: string }; limits: Record<string, number>; usage: Record<string, number> };
}

async function chatMessage(userId: string, contentId: string, role: 'user' | 'assistant', createdAt?: Date): Promise<void> {
  await ctx.adminDb
    .insertInto('chat_messages')
    .values({ user_id: userId, content_id: contentId, role, text_enc: PLACEHOLDER_CIPHERTEXT, ...(createdAt ? { created_at: createdAt } : {}) })
    .execute();
}

describe('GET /subscriptions/status', () => {
  it("counts this month's documents, own chat messages and LLM cost of a premium user, nothing from last month or other users", async () => {
    const userId = await ctx.createUser('premium');
    const other = await ctx.createUser();

    const contentId = await ctx.storeResult(userId, 'cbc-one-low'); // its job: document 1
    await ctx.createJob(userId); // document 2
    const oldJob = await ctx.createJob(userId);
    await sql`update document_jobs set created_at = ${lastMonth} where id = ${oldJob}`.execute(ctx.adminDb);
    await ctx.createJob(other);

    for (let i = 0; i < 3; i += 1) await chatMessage(userId, contentId, 'user');
    await chatMessage(userId, contentId, 'assistant');
    await chatMessage(userId, contentId, 'assistant');
    await chatMessage(userId, contentId, 'user', lastMonth);

    await ctx.putCostRecord(userId, period.month, 1.25);
    await ctx.putCostRecord(userId, period.month, 0.505);
    await ctx.putCostRecord(userId, lastMonthKey, 9);
    await ctx.putCostRecord(other, period.month, 4);

    expect(await status(userId)).toEqual({
      plan: 'premium',
      period: { start: period.start.toISOString(), end: period.end.toISOString() },
      limits: { documentsPerMonth: 100, chatMessagesPerMonth: 1000 },
      usage: { documents: 2, chatMessages: 3, llmCostCents: 1.76 },
    });
  });

  it('leaves out documents whose upload failed before they were stored (UPLOAD_FAILED), as the quota does', async () => {
    const userId = await ctx.createUser();
    await ctx.createJob(userId);
    const lost = await ctx.createJob(userId);
    await failJob(ctx.adminDb, lost, 'UPLOAD_FAILED', false);
    const processingFailed = await ctx.createJob(userId);
    await failJob(ctx.adminDb, processingFailed, 'PROCESSING_FAILED', true);
    expect((await status(userId)).usage.documents).toBe(2);
  });

  it('puts a user without a subscription row on the free plan, with zero usage', async () => {
    const userId = await ctx.createUser();
    expect(await status(userId)).toMatchObject({
      plan: 'free',
      limits: { documentsPerMonth: 5, chatMessagesPerMonth: 50 },
      usage: { documents: 0, chatMessages: 0, llmCostCents: 0 },
    });
  });

  it('is cached per user: new usage shows once the cached status expires (here: is cleared)', async () => {
    const userId = await ctx.createUser();
    expect((await status(userId)).usage.documents).toBe(0);
    await ctx.createJob(userId);
    await ctx.putCostRecord(userId, period.month, 2);
    expect((await status(userId)).usage).toEqual({ documents: 0, chatMessages: 0, llmCostCents: 0 });
    clearSubscriptionStatusCache();
    expect((await status(userId)).usage).toEqual({ documents: 1, chatMessages: 0, llmCostCents: 2 });
  });

  it('keeps a cached status for 15 minutes, then reads the usage again', async () => {
    const userId = await ctx.createUser();
    expect((await status(userId)).usage.documents).toBe(0);
    await ctx.createJob(userId);
    await advanceCacheClock(14 * 60_000);
    expect((await status(userId)).usage.documents).toBe(0);
    await advanceCacheClock(15 * 60_000 + 1_000);
    expect((await status(userId)).usage.documents).toBe(1);
  });

  it("answers a still-valid token of an erased account with 401, not the account's cached usage", async () => {
    const userId = await ctx.createUser();
    await ctx.createJob(userId);
    expect((await status(userId)).usage.documents).toBe(1); // now cached
    await ctx.adminDb.deleteFrom('users').where('id', '=', userId).execute();
    const res = await ctx.get('/subscriptions/status', userId);
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe('UNAUTHORIZED');
  });

  it('answers an anonymous caller with 401', async () => {
    const res = await ctx.app.request('/subscriptions/status');
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe('UNAUTHORIZED');
  });
});
