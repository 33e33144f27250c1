import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../../../../e2e/fixtures/documents/index.ts';
import { createDocumentsTestContext, type DocumentsTestContext } from '../testing/documents-test-context.ts';

let ctx: DocumentsTestContext;
let owner: string;
let jobId: string;
beforeAll(async () => {
  ctx = await createDocumentsTestContext();
  owner = await ctx.createUser();
  const res = await ctx.upload({ bytes: pngBytes() }, { userId: owner });
  ({ jobId } = (await res.json()) as { jobId: string });
});
afterAll(async () => {
  await ctx?.close();
});

/** An error body without its request id, which differs per request by design. */
const withoutRequestId = async (res: Response) => {
  const { error } = (await res.json()) as { error: Record<string, unknown> };
  const { requestId, ...rest } = error;
  expect(requestId).toBe(res.headers.get('x-request-id'));
  return rest;
};

describe('GET /jobs/{jobId}', () => {
  it("answers the owner with the job's view", async () => {
    const res = await ctx.get(`/jobs/${jobId}`, owner);
    expect(res.status).toBe(200);
    const job = await ctx.job(jobId);
    expect(await res.json()).toEqual({ jobId, status: 'queued', createdAt: job!.created_at.toISOString(), updatedAt: job!.updated_at.toISOString(), attempts: 0 });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('shows a completed job with its content id and a failed one with its error', async () => {
    const contentId = crypto.randomUUID();
    await ctx.adminDb.updateTable('document_jobs').set({ status: 'failed', error_code: 'DOCUMENT_UNREADABLE', error_message: 'The document could not be read as a lab report', error_retryable: false, attempts: 1 }).where('id', '=', jobId).execute();
    const failed = await ctx.get(`/jobs/${jobId}`, owner);
    expect(await failed.json()).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'DOCUMENT_UNREADABLE', message: 'The document could not be read as a lab report', retryable: false } });

    // content_id's foreign key is deferred to commit, so set it together with a content row.
    const job = await ctx.job(jobId);
    await ctx.adminDb.transaction().execute(async (tx) => {
      await tx.insertInto('contents').values({ id: contentId, user_id: owner, job_id: jobId, title_enc: Buffer.from('x'), summary_enc: Buffer.from('x'), interpretation_enc: Buffer.from('x'), flagged_count: 0, value_count: 0, model_id: 'test' }).execute();
      await tx.updateTable('document_jobs').set({ status: 'completed', content_id: contentId, error_code: null, error_message: null, error_retryable: null }).where('id', '=', job!.id).execute();
    });
    const completed = await ctx.get(`/jobs/${jobId}/status`, owner);
    expect(completed.status).toBe(200);
    const body = (await completed.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ jobId, status: 'completed', contentId });
    expect(body).not.toHaveProperty('error');
  });

  it('serves the original design path GET /jobs/{jobId}/status as an alias', async () => {
    const [main, alias] = [await ctx.get(`/jobs/${jobId}`, owner), await ctx.get(`/jobs/${jobId}/status`, owner)];
    expect(alias.status).toBe(200);
    expect(await alias.json()).toEqual(await main.json());
  });

  it("answers another user's job, a missing job and a malformed id with the same 404", async () => {
    const stranger = await ctx.createUser();
    const responses = [
      await ctx.get(`/jobs/${jobId}`, stranger),
      await ctx.get(`/jobs/${crypto.randomUUID()}`, owner),
      await ctx.get('/jobs/not-a-uuid', owner),
      await ctx.get(`/jobs/${jobId}/status`, stranger),
      await ctx.get(`/jobs/${jobId.slice(0, -1)}`, owner),
    ];
    const bodies = [];
    for (const res of responses) {
      expect(res.status).toBe(404);
      bodies.push(await withoutRequestId(res));
    }
    expect(bodies[0]).toEqual({ code: 'NOT_FOUND', message: 'Not found', category: 'validation' });
    for (const body of bodies) expect(body).toEqual(bodies[0]);
  });

  it('audits reads: success for the owner, failure (NOT_FOUND) for a stranger', async () => {
    const stranger = await ctx.createUser();
    const ok = await ctx.get(`/jobs/${jobId}`, owner);
    const denied = await ctx.get(`/jobs/${jobId}`, stranger);
    expect(await ctx.auditRows({ requestId: ok.headers.get('x-request-id')! })).toEqual([
      expect.objectContaining({ action: 'job.read', actor_id: owner, resource_type: 'document_job', resource_id: jobId, outcome: 'success', reason: null }),
    ]);
    expect(await ctx.auditRows({ requestId: denied.headers.get('x-request-id')! })).toEqual([
      expect.objectContaining({ action: 'job.read', actor_id: stranger, resource_id: jobId, outcome: 'failure', reason: 'NOT_FOUND' }),
    ]);
  });

  it('needs an access token', async () => {
    for (const path of [`/jobs/${jobId}`, `/jobs/${jobId}/status`]) {
      const res = await ctx.app.request(path);
      expect(res.status).toBe(401);
    }
  });
});
