import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failJob } from '#shared/jobs/document-jobs.ts';
import { pngBytes } from '../../../../e2e/fixtures/documents/index.ts';
import { codeOf, createDocumentsTestContext, type DocumentsTestContext } from '../testing/documents-test-context.ts';

let ctx: DocumentsTestContext;
let owner: string;
beforeAll(async () => {
  ctx = await createDocumentsTestContext();
  owner = await ctx.createUser('premium');
});
afterAll(async () => {
  await ctx?.close();
});

async function uploadedJob(): Promise<string> {
  const res = await ctx.upload({ bytes: pngBytes() }, { userId: owner });
  const { jobId } = (await res.json()) as { jobId: string };
  await ctx.drainQueue();
  return jobId;
}

describe('POST /jobs/{jobId}/retry', () => {
  it('requeues a failed, retryable job whose original is stored: 202, queued, one new message', async () => {
    const jobId = await uploadedJob();
    await failJob(ctx.adminDb, jobId, 'PROCESSING_FAILED', true);
    const res = await ctx.post(`/jobs/${jobId}/retry`, owner);
    expect(res.status).toBe(202);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ jobId, status: 'queued' });
    expect(body).not.toHaveProperty('error');
    expect((await ctx.job(jobId))?.status).toBe('queued');
    expect(await ctx.messagesFor(jobId)).toEqual([{ jobId }]);
    expect(await ctx.auditRows({ requestId: res.headers.get('x-request-id')! })).toEqual([
      expect.objectContaining({ action: 'job.retried', actor_id: owner, resource_id: jobId, outcome: 'success' }),
    ]);
  });

  it('answers 409 JOB_NOT_RETRYABLE for a job that has not failed', async () => {
    const jobId = await uploadedJob();
    const res = await ctx.post(`/jobs/${jobId}/retry`, owner);
    expect(res.status).toBe(409);
    expect(await codeOf(res)).toBe('JOB_NOT_RETRYABLE');
    expect((await ctx.job(jobId))?.status).toBe('queued');
    expect(await ctx.messagesFor(jobId)).toEqual([]);
    expect(await ctx.auditRows({ requestId: res.headers.get('x-request-id')! })).toEqual([
      expect.objectContaining({ action: 'job.retried', outcome: 'failure', reason: 'JOB_NOT_RETRYABLE', resource_id: jobId }),
    ]);
  });

  it('answers 409 for a job that failed for good', async () => {
    const jobId = await uploadedJob();
    await failJob(ctx.adminDb, jobId, 'DOCUMENT_UNREADABLE', false);
    const res = await ctx.post(`/jobs/${jobId}/retry`, owner);
    expect(res.status).toBe(409);
    expect((await ctx.job(jobId))?.status).toBe('failed');
  });

  it('answers 409 for a failed, retryable job whose original is gone, and leaves it failed', async () => {
    const jobId = await uploadedJob();
    await failJob(ctx.adminDb, jobId, 'PROCESSING_FAILED', true);
    await ctx.s3.send(new DeleteObjectCommand({ Bucket: ctx.resources.bucket, Key: `jobs/${jobId}_original` }));
    const res = await ctx.post(`/jobs/${jobId}/retry`, owner);
    expect(res.status).toBe(409);
    expect(await codeOf(res)).toBe('JOB_NOT_RETRYABLE');
    expect(await ctx.job(jobId)).toMatchObject({ status: 'failed', error_retryable: true });
    expect(await ctx.messagesFor(jobId)).toEqual([]);
  });

  it("answers 404 for another user's, a missing and a malformed job, and changes nothing", async () => {
    const jobId = await uploadedJob();
    await failJob(ctx.adminDb, jobId, 'PROCESSING_FAILED', true);
    const stranger = await ctx.createUser();
    for (const [path, userId] of [[`/jobs/${jobId}/retry`, stranger], [`/jobs/${crypto.randomUUID()}/retry`, owner], ['/jobs/nope/retry', owner]] as const) {
      const res = await ctx.post(path, userId);
      expect(res.status).toBe(404);
      expect(await codeOf(res)).toBe('NOT_FOUND');
    }
    expect((await ctx.job(jobId))?.status).toBe('failed');
    expect(await ctx.messagesFor(jobId)).toEqual([]);
  });

  it('requeues once when two retries race: one 202, one 409, one message', async () => {
    const jobId = await uploadedJob();
    await failJob(ctx.adminDb, jobId, 'PROCESSING_FAILED', true);
    const results = await Promise.all([ctx.post(`/jobs/${jobId}/retry`, owner), ctx.post(`/jobs/${jobId}/retry`, owner)]);
    expect(results.map((r) => r.status).sort()).toEqual([202, 409]);
    expect(await ctx.messagesFor(jobId)).toEqual([{ jobId }]);
  });

  it('needs an access token', async () => {
    const res = await ctx.app.request(`/jobs/${crypto.randomUUID()}/retry`, { method: 'POST' });
    expect(res.status).toBe(401);
  });
});
