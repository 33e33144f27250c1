import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../../../../e2e/fixtures/documents/index.ts';
import { codeOf, createDocumentsTestContext, type DocumentsTestContext } from '../testing/documents-test-context.ts';

let ctx: DocumentsTestContext;
beforeAll(async () => {
  ctx = await createDocumentsTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const png = { bytes: pngBytes(), name: 'scan.png' };
const jobIdOf = async (res: Response) => ((await res.json()) as { jobId: string }).jobId;

describe('the monthly document quota', () => {
  it('lets a free user upload 5 documents this month, then answers 429 QUOTA_EXCEEDED', async () => {
    const userId = await ctx.createUser();
    for (let n = 0; n < 5; n += 1) expect((await ctx.upload(png, { userId })).status).toBe(202);
    const refused = await ctx.upload(png, { userId });
    expect(refused.status).toBe(429);
    expect(await codeOf(refused)).toBe('QUOTA_EXCEEDED');
    expect(await ctx.jobsOf(userId)).toHaveLength(5);
  });

  it('counts this calendar month only: jobs from last month do not use up the quota', async () => {
    const userId = await ctx.createUser();
    for (let n = 0; n < 5; n += 1) expect((await ctx.upload(png, { userId })).status).toBe(202);
    await ctx.adminDb
      .updateTable('document_jobs')
      .set({ created_at: new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) - 1000) } as never)
      .where('user_id', '=', userId)
      .execute();
    expect((await ctx.upload(png, { userId })).status).toBe(202);
  });

  it('lifts the limit for a premium subscription', async () => {
    const userId = await ctx.createUser();
    for (let n = 0; n < 5; n += 1) await ctx.upload(png, { userId });
    expect((await ctx.upload(png, { userId })).status).toBe(429);
    await ctx.adminDb.insertInto('subscriptions').values({ user_id: userId, plan_id: 'premium' }).execute();
    expect((await ctx.upload(png, { userId })).status).toBe(202);
    expect(await ctx.jobsOf(userId)).toHaveLength(6);
  });

  it('cannot be overrun by parallel uploads: 8 at once from a free user give exactly 5 jobs', async () => {
    const userId = await ctx.createUser();
    // Widen the gap between counting and committing, as a loaded database would: without the
    // per-user lock, all 8 count 0 jobs and all 8 are created.
    await sql`CREATE FUNCTION slow_job_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.1); RETURN NEW; END $$`.execute(ctx.adminDb);
    await sql`CREATE TRIGGER slow_job_insert BEFORE INSERT ON document_jobs FOR EACH ROW WHEN (NEW.user_id = ${sql.lit(userId)}::uuid) EXECUTE FUNCTION slow_job_insert()`.execute(ctx.adminDb);
    try {
      const results = await Promise.all(Array.from({ length: 8 }, () => ctx.upload(png, { userId })));
      expect(results.map((r) => r.status).sort()).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
      expect(await ctx.jobsOf(userId)).toHaveLength(5);
    } finally {
      await sql`DROP TRIGGER slow_job_insert ON document_jobs`.execute(ctx.adminDb);
      await sql`DROP FUNCTION slow_job_insert()`.execute(ctx.adminDb);
    }
  });

  it('does not count a replayed Idempotency-Key: a user at the limit gets the earlier job back', async () => {
    const userId = await ctx.createUser();
    const first = await ctx.upload(png, { userId, idempotencyKey: 'quota-replay' });
    for (let n = 0; n < 4; n += 1) await ctx.upload(png, { userId });
    expect((await ctx.upload(png, { userId })).status).toBe(429);
    const replay = await ctx.upload(png, { userId, idempotencyKey: 'quota-replay' });
    expect(replay.status).toBe(202);
    expect(await jobIdOf(replay)).toBe(await jobIdOf(first));
  });
});

describe('Idempotency-Key', () => {
  it('returns the first job for the same key: same body, one job, one object, one message', async () => {
    const userId = await ctx.createUser();
    await ctx.drainQueue();
    const first = await ctx.upload(png, { userId, idempotencyKey: 'same-key-1' });
    const second = await ctx.upload({ bytes: pngBytes({ width: 3 }), name: 'other.png' }, { userId, idempotencyKey: 'same-key-1' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    const firstBody = (await first.json()) as { jobId: string };
    expect(await second.json()).toEqual(firstBody);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');

    const jobs = await ctx.jobsOf(userId);
    expect(jobs.map((j) => j.id)).toEqual([firstBody.jobId]);
    const messages = (await ctx.drainQueue()).map((m) => JSON.parse(m.Body!) as { jobId: string });
    expect(messages).toEqual([{ jobId: firstBody.jobId }]);
    // The object is the first upload's bytes, not overwritten by the replay's.
    expect(Buffer.from(await ctx.originalBytes(firstBody.jobId)).equals(Buffer.from(png.bytes))).toBe(true);
    expect(await ctx.auditRows({ action: 'document.uploaded', actorId: userId })).toHaveLength(1);
  });

  it('gives concurrent requests with the same key one job', async () => {
    const userId = await ctx.createUser();
    await ctx.drainQueue();
    const results = await Promise.all(Array.from({ length: 3 }, () => ctx.upload(png, { userId, idempotencyKey: 'racing-key' })));
    expect(results.map((r) => r.status)).toEqual([202, 202, 202]);
    const ids = new Set(await Promise.all(results.map(jobIdOf)));
    expect(ids.size).toBe(1);
    expect(await ctx.jobsOf(userId)).toHaveLength(1);
    expect(await ctx.drainQueue()).toHaveLength(1);
  });

  it('keeps keys per user: two users with the same key get two jobs', async () => {
    const [alice, bob] = [await ctx.createUser(), await ctx.createUser()];
    const a = await ctx.upload(png, { userId: alice, idempotencyKey: 'shared-key' });
    const b = await ctx.upload(png, { userId: bob, idempotencyKey: 'shared-key' });
    expect(await jobIdOf(a)).not.toBe(await jobIdOf(b));
    expect(await ctx.jobsOf(alice)).toHaveLength(1);
    expect(await ctx.jobsOf(bob)).toHaveLength(1);
  });

  it('frees a key after 24 hours: the same key then starts a new job', async () => {
    const userId = await ctx.createUser('premium');
    const first = await jobIdOf(await ctx.upload(png, { userId, idempotencyKey: 'old-key' }));
    await ctx.adminDb.updateTable('document_jobs').set({ created_at: new Date(Date.now() - 25 * 3600_000) } as never).where('id', '=', first).execute();
    const second = await jobIdOf(await ctx.upload(png, { userId, idempotencyKey: 'old-key' }));
    expect(second).not.toBe(first);
  });

  it('answers with the winner when the unique index, not the lock, catches a duplicate key', async () => {
    // Another writer inserts a job with the key and has not committed yet: this request does not
    // see it, gets to its own insert, waits on the unique index, and loses when the writer commits.
    const userId = await ctx.createUser('premium');
    const writer = new pg.Client({ connectionString: ctx.adminUrl });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      const winnerId = crypto.randomUUID();
      await writer.query(
        `INSERT INTO document_jobs (id, user_id, object_key, media_type, size_bytes, idempotency_key) VALUES ($1, $2, $3, 'image/png', 10, 'contended-key')`,
        [winnerId, userId, `jobs/${winnerId}_original`],
      );
      const pending = ctx.upload(png, { userId, idempotencyKey: 'contended-key' });
      await waitForLockWait();
      await writer.query('COMMIT');
      const res = await pending;
      expect(res.status).toBe(202);
      expect(await jobIdOf(res)).toBe(winnerId);
      expect(res.headers.get('idempotent-replayed')).toBe('true');
      expect((await ctx.jobsOf(userId)).map((j) => j.id)).toEqual([winnerId]);
    } finally {
      await writer.end();
    }
  });
});

/**
 * Waits until some backend of this database waits on a lock (the upload's blocked insert).
 * Polled from its own connection: inside the writer's transaction pg_stat_activity would show
 * the same cached snapshot on every call.
 */
async function waitForLockWait(): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'insert into "document_jobs"%'`.execute(ctx.adminDb);
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the upload never reached its insert');
}
