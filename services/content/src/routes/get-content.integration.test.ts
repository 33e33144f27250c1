import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { createContentTestContext, type ContentTestContext } from '../testing/content-test-context.ts';

let ctx: ContentTestContext;
beforeAll(async () => {
  ctx = await createContentTestContext();
});
afterAll(async () => ctx?.close());

/** The error body without its per-request id, to compare answers. */
async function errorOf(res: Response) {
  const { error } = (await res.json()) as { error: Record<string, unknown> };
  const { requestId: _requestId, ...rest } = error;
  return rest;
}

describe('GET /content/{id}', () => {
  it('answers the whole interpretation with its lab values, and audits the read', async () => {
    const userId = await ctx.createUser();
    const id = await ctx.storeResult(userId, 'metabolic-panel-critical-potassium');
    const res = await ctx.get(`/content/${id}`, userId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; labValues: { name: string; flag: string }[]; interpretation: { labValues: unknown[]; summary: string }; summary: string; flaggedCount: number };
    expect(body.id).toBe(id);
    expect(body.labValues.length).toBeGreaterThan(0);
    expect(body.interpretation.labValues).toEqual(body.labValues);
    expect(body.summary).toBe(body.interpretation.summary);
    expect(body.flaggedCount).toBe(body.labValues.filter((v) => v.flag !== 'normal').length);
    expect(body.labValues.map((v) => v.name.toLowerCase()).join(' ')).toContain('potassium');

    const audit = await ctx.auditRows({ action: AuditActions.contentRead, actorId: userId });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'success', resource_type: 'content', resource_id: id });
  });

  it("answers another user's id, a missing id and a malformed id with the same 404", async () => {
    const owner = await ctx.createUser();
    const intruder = await ctx.createUser();
    const id = await ctx.storeResult(owner, 'cbc-one-low');

    const foreign = await ctx.get(`/content/${id}`, intruder);
    const missing = await ctx.get(`/content/${crypto.randomUUID()}`, intruder);
    const malformed = await ctx.get('/content/not-a-uuid', intruder);
    for (const res of [foreign, missing, malformed]) expect(res.status).toBe(404);
    const [a, b, c] = await Promise.all([errorOf(foreign), errorOf(missing), errorOf(malformed)]);
    expect(a).toEqual({ code: 'NOT_FOUND', message: 'Not found', category: 'validation' });
    expect(b).toEqual(a);
    expect(c).toEqual(a);

    // The owner still reads it; the intruder's attempt is on record as a failure.
    expect((await ctx.get(`/content/${id}`, owner)).status).toBe(200);
    const failures = await ctx.auditRows({ action: AuditActions.contentRead, actorId: intruder });
    expect(failures.map((row) => row.outcome)).toEqual(['failure', 'failure', 'failure']);
    expect(failures[0]).toMatchObject({ resource_id: id, reason: 'NOT_FOUND' });
  });

  it('answers an anonymous caller with 401', async () => {
    const res = await ctx.app.request(`/content/${crypto.randomUUID()}`);
    expect(res.status).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('is public and describes every route', async () => {
    const res = await ctx.app.request('/openapi.json');
    expect(res.status).toBe(200);
    const { paths } = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(paths).sort()).toEqual(['/content/timeline', '/content/{id}', '/subscriptions/status']);
  });
});
