import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { encodeTimelineCursor } from '../domain/timeline-cursor.ts';
import { codeOf, createContentTestContext, type ContentTestContext } from '../testing/content-test-context.ts';

interface Page {
  items: { id: string; title: string; documentDate: string | null; createdAt: string; summary: string; flaggedCount: number }[];
  nextCursor: string | null;
}

let ctx: ContentTestContext;
beforeAll(async () => {
  ctx = await createContentTestContext();
});
afterAll(async () => ctx?.close());
afterEach(() => vi.restoreAllMocks());

async function page(userId: string, query: string): Promise<Page> {
  const res = await ctx.get(`/content/timeline${query}`, userId);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

describe('GET /content/timeline pagination', () => {
  it('walks 7 results 3 at a time (3 + 3 + 1), newest first, without gaps or repeats, ties broken by id', async () => {
    const userId = await ctx.createUser();
    const base = Date.UTC(2026, 2, 1, 9, 0, 0);
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    // Newest first: positions 2 and 3 share a timestamp across the first page boundary; 5 and 6
    // differ by one microsecond (beyond a JS Date) across the second.
    const tieA = await ctx.storeResult(userId, 'cbc-one-low', at(4));
    const tieB = await ctx.storeResult(userId, 'hba1c-high', at(4));
    const newest = await ctx.storeResult(userId, 'thyroid-panel-normal', at(6));
    const second = await ctx.storeResult(userId, 'lipid-panel-high-ldl-low-hdl', at(5));
    const fifth = await ctx.storeResult(userId, 'vitamins-no-ranges', at(3));
    const oldest = await ctx.storeResult(userId, 'comprehensive-metabolic-panel', at(2));
    const sixth = await ctx.storeResult(userId, 'metabolic-panel-critical-potassium', at(2));
    await sql`update contents set created_at = created_at + interval '1 microsecond' where id = ${sixth}`.execute(ctx.adminDb);

    const [tieFirst, tieSecond] = [tieA, tieB].sort().reverse();
    const expected = [newest, second, tieFirst, tieSecond, fifth, sixth, oldest];

    const first = await page(userId, '?limit=3');
    const middle = await page(userId, `?limit=3&cursor=${first.nextCursor}`);
    const last = await page(userId, `?limit=3&cursor=${middle.nextCursor}`);
    expect([first.items.length, middle.items.length, last.items.length]).toEqual([3, 3, 1]);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(middle.nextCursor).toEqual(expect.any(String));
    expect(last.nextCursor).toBeNull();

    const ids = [...first.items, ...middle.items, ...last.items].map((item) => item.id);
    expect(new Set(ids).size).toBe(7);
    expect(ids).toEqual(expected);
  });

  it('decrypts title, date and summary, and answers the default page size of 20 with a null cursor when all fit', async () => {
    const userId = await ctx.createUser();
    const id = await ctx.storeResult(userId, 'lipid-panel-high-ldl-low-hdl');
    const result = await page(userId, '');
    expect(result.nextCursor).toBeNull();
    expect(result.items).toHaveLength(1);
    const [item] = result.items;
    expect(item!.id).toBe(id);
    expect(Number.isInteger(item!.flaggedCount)).toBe(true);
    expect(item!.title.length).toBeGreaterThan(0);
    expect(item!.summary.length).toBeGreaterThan(0);
    expect(new Date(item!.createdAt).toISOString()).toBe(item!.createdAt);
    expect(Object.keys(item!).sort()).toEqual(['createdAt', 'documentDate', 'flaggedCount', 'id', 'summary', 'title']);
  });

  it('answers 20 results per page when no limit is given', async () => {
    const userId = await ctx.createUser();
    const base = Date.UTC(2026, 1, 1);
    const ids: string[] = [];
    for (let i = 0; i < 21; i += 1) ids.push(await ctx.storeResult(userId, 'cbc-one-low', new Date(base + i * 60_000)));
    const newestFirst = [...ids].reverse();

    const first = await page(userId, '');
    expect(first.items.map((item) => item.id)).toEqual(newestFirst.slice(0, 20));
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await page(userId, `?cursor=${first.nextCursor}`);
    expect(rest).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
    expect((await page(userId, '?limit=50')).items).toHaveLength(21);
  });

  it('shows only the caller’s own results', async () => {
    const owner = await ctx.createUser();
    const other = await ctx.createUser();
    await ctx.storeResult(owner, 'cbc-one-low');
    expect((await page(other, '')).items).toEqual([]);
  });

  it('audits every timeline read', async () => {
    const userId = await ctx.createUser();
    await page(userId, '');
    await page(userId, '');
    const rows = await ctx.auditRows({ action: AuditActions.timelineRead, actorId: userId });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ outcome: 'success', resource_id: userId });
  });
});

describe('GET /content/timeline validation', () => {
  it.each(['0', '51', 'abc', '2.5', '-1', ''])('answers limit=%j with 400 VALIDATION_ERROR', async (limit) => {
    const res = await ctx.get(`/content/timeline?limit=${limit}`, await ctx.createUser());
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe('VALIDATION_ERROR');
  });

  it.each(['1', '50'])('accepts limit=%s', async (limit) => {
    expect((await ctx.get(`/content/timeline?limit=${limit}`, await ctx.createUser())).status).toBe(200);
  });

  it('answers garbage and tampered cursors with 400 VALIDATION_ERROR', async () => {
    const userId = await ctx.createUser();
    await ctx.storeResult(userId, 'cbc-one-low');
    await ctx.storeResult(userId, 'hba1c-high');
    const valid = (await page(userId, '?limit=1')).nextCursor!;
    expect((await ctx.get(`/content/timeline?limit=1&cursor=${valid}`, userId)).status).toBe(200);

    const decoded = JSON.parse(Buffer.from(valid, 'base64url').toString('utf8')) as { c: string; i: string };
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const bad = [
      'garbage!',
      'bm90IGpzb24',
      valid.slice(0, -2),
      b64({ c: decoded.c, i: "1' OR 1=1 --" }),
      b64({ c: '2026-13-40T00:00:00.000000Z', i: decoded.i }),
      b64({ c: decoded.c, i: decoded.i, extra: 1 }),
      b64([decoded.c, decoded.i]),
      'A'.repeat(300),
    ];
    for (const cursor of bad) {
      const res = await ctx.get(`/content/timeline?cursor=${encodeURIComponent(cursor)}`, userId);
      expect(res.status, cursor).toBe(400);
      expect(await codeOf(res)).toBe('VALIDATION_ERROR');
    }
  });

  it('answers an anonymous caller with 401 before validating', async () => {
    const res = await ctx.app.request('/content/timeline?limit=0');
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe('UNAUTHORIZED');
  });
});

describe('the timeline cache', () => {
  it('serves an unchanged timeline without decrypting again, and never stale after a new result is stored', async () => {
    const userId = await ctx.createUser();
    await ctx.storeResult(userId, 'cbc-one-low');
    await ctx.storeResult(userId, 'hba1c-high');

    const before = ctx.counters.decrypts;
    const first = await page(userId, '?limit=10');
    const afterFirst = ctx.counters.decrypts;
    expect(afterFirst).toBeGreaterThan(before);

    const cached = await page(userId, '?limit=10');
    expect(ctx.counters.decrypts).toBe(afterFirst);
    expect(cached).toEqual(first);

    // As the processor would, in another container: stored and the content version bumped.
    const added = await ctx.storeResult(userId, 'thyroid-panel-normal', new Date(Date.now() + 60_000));
    const fresh = await page(userId, '?limit=10');
    expect(fresh.items).toHaveLength(3);
    expect(fresh.items[0]!.id).toBe(added);
    expect(ctx.counters.decrypts).toBeGreaterThan(afterFirst);
  });

  it('keeps an unchanged page for 5 minutes, then builds it again', async () => {
    const userId = await ctx.createUser();
    await ctx.storeResult(userId, 'cbc-one-low');
    const first = await page(userId, '?limit=5');
    const built = ctx.counters.decrypts;
    const realNow = performance.now.bind(performance);
    // lru-cache reads performance.now(); its 1 ms clock memo must lapse before each read.
    const at = async (ms: number) => {
      vi.restoreAllMocks();
      vi.spyOn(performance, 'now').mockImplementation(() => realNow() + ms);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await at(4 * 60_000 + 30_000);
    expect(await page(userId, '?limit=5')).toEqual(first);
    expect(ctx.counters.decrypts).toBe(built);
    await at(5 * 60_000 + 1_000);
    expect(await page(userId, '?limit=5')).toEqual(first);
    expect(ctx.counters.decrypts).toBeGreaterThan(built);
  });

  it('keys pages on their cursor and limit', async () => {
    const userId = await ctx.createUser();
    const older = await ctx.storeResult(userId, 'cbc-one-low', new Date(Date.UTC(2026, 0, 1)));
    const newer = await ctx.storeResult(userId, 'hba1c-high', new Date(Date.UTC(2026, 0, 2)));
    const one = await page(userId, '?limit=1');
    const two = await page(userId, '?limit=2');
    const next = await page(userId, `?limit=1&cursor=${one.nextCursor}`);
    expect(one.items.map((i) => i.id)).toEqual([newer]);
    expect(two.items.map((i) => i.id)).toEqual([newer, older]);
    expect(next.items.map((i) => i.id)).toEqual([older]);
    // A well-formed cursor positioned after everything: an empty last page.
    const beyond = encodeTimelineCursor({ createdAt: '2000-01-01T00:00:00.000000Z', id: older });
    expect(await page(userId, `?cursor=${beyond}`)).toEqual({ items: [], nextCursor: null });
  });
});
