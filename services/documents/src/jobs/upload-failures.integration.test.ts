import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimForProcessing } from '#shared/jobs/document-jobs.ts';
import { pngBytes } from '../../../../e2e/fixtures/documents/index.ts';
import { createDocumentsApp } from '../app.ts';
import { codeOf, createDocumentsTestContext, type DocumentsTestContext } from '../testing/documents-test-context.ts';

let ctx: DocumentsTestContext;
let brokenStorage: ReturnType<typeof createDocumentsApp>;
let brokenQueue: ReturnType<typeof createDocumentsApp>;
beforeAll(async () => {
  ctx = await createDocumentsTestContext();
  // The same service, with one dependency pointing at something that does not exist.
  brokenStorage = createDocumentsApp({ ...ctx.deps, documents: { ...ctx.deps.documents, bucket: `serenya-missing-${crypto.randomUUID().slice(0, 8)}` } });
  const missingQueue = ctx.resources.queueUrl.replace(/[^/]+$/, `serenya-missing-${crypto.randomUUID().slice(0, 8)}`);
  brokenQueue = createDocumentsApp({ ...ctx.deps, documents: { ...ctx.deps.documents, queueUrl: missingQueue } });
});
afterAll(async () => {
  await ctx?.close();
});

const png = { bytes: pngBytes(), name: 'scan.png' };

describe('an upload whose storage fails', () => {
  it('answers 503, leaves the job failed (UPLOAD_FAILED, not retryable), sends nothing', async () => {
    const userId = await ctx.createUser();
    await ctx.drainQueue();
    const res = await ctx.upload(png, { userId, app: brokenStorage });
    expect(res.status).toBe(503);
    expect(await codeOf(res)).toBe('SERVICE_UNAVAILABLE');
    expect(res.headers.get('retry-after')).toBe('5');

    const [job] = await ctx.jobsOf(userId);
    expect(job).toMatchObject({ status: 'failed', error_code: 'UPLOAD_FAILED', error_retryable: false });
    expect(await ctx.headOriginal(job!.id)).toBeUndefined();
    expect(await ctx.drainQueue()).toEqual([]);
    expect(await ctx.auditRows({ requestId: res.headers.get('x-request-id')! })).toEqual([
      expect.objectContaining({ action: 'document.uploaded', actor_id: userId, resource_id: job!.id, outcome: 'failure', reason: 'SERVICE_UNAVAILABLE' }),
    ]);

    // Nothing to retry: the document never arrived.
    const retry = await ctx.post(`/jobs/${job!.id}/retry`, userId);
    expect(retry.status).toBe(409);
  });

  it("does not count such uploads against the plan's monthly quota: the documents never arrived", async () => {
    const userId = await ctx.createUser(); // free: 5 documents a month
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await ctx.upload(png, { userId, app: brokenStorage })).status).toBe(503);
    expect(await ctx.jobsOf(userId)).toHaveLength(5);
    expect((await ctx.upload(png, { userId })).status).toBe(202);
  });

  it('releases the Idempotency-Key, so repeating the same request really uploads', async () => {
    const userId = await ctx.createUser();
    expect((await ctx.upload(png, { userId, idempotencyKey: 'after-outage', app: brokenStorage })).status).toBe(503);
    const again = await ctx.upload(png, { userId, idempotencyKey: 'after-outage' });
    expect(again.status).toBe(202);
    const { jobId } = (await again.json()) as { jobId: string };
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect((await ctx.job(jobId))?.status).toBe('queued');
    expect(await ctx.headOriginal(jobId)).toBeDefined();
    // A further repeat now replays the job that worked.
    const replay = await ctx.upload(png, { userId, idempotencyKey: 'after-outage' });
    expect(((await replay.json()) as { jobId: string }).jobId).toBe(jobId);
  });
});

describe('an upload whose queue message fails', () => {
  it('answers 503, keeps the stored original, leaves the job failed and retryable; retry then queues it', async () => {
    const userId = await ctx.createUser();
    await ctx.drainQueue();
    const res = await ctx.upload(png, { userId, app: brokenQueue, idempotencyKey: 'queue-down' });
    expect(res.status).toBe(503);
    expect(await codeOf(res)).toBe('SERVICE_UNAVAILABLE');

    const [job] = await ctx.jobsOf(userId);
    expect(job).toMatchObject({ status: 'failed', error_code: 'PROCESSING_FAILED', error_retryable: true });
    expect(await ctx.headOriginal(job!.id)).toMatchObject({ ServerSideEncryption: 'aws:kms' });

    // The key still points at this job: repeating the upload shows it, with its retryable error.
    const replay = await ctx.upload(png, { userId, idempotencyKey: 'queue-down' });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toMatchObject({ jobId: job!.id, status: 'failed' });
    const view = (await (await ctx.get(`/jobs/${job!.id}`, userId)).json()) as { error?: { retryable: boolean } };
    expect(view.error).toMatchObject({ code: 'PROCESSING_FAILED', retryable: true });

    const retried = await ctx.post(`/jobs/${job!.id}/retry`, userId);
    expect(retried.status).toBe(202);
    expect(await ctx.messagesFor(job!.id)).toEqual([{ jobId: job!.id }]);
    expect((await ctx.job(job!.id))?.status).toBe('queued');
  });

  it('puts a retried job back to failed and retryable when the queue refuses the retry too', async () => {
    const userId = await ctx.createUser();
    expect((await ctx.upload(png, { userId, app: brokenQueue })).status).toBe(503);
    const [job] = await ctx.jobsOf(userId);
    const res = await ctx.post(`/jobs/${job!.id}/retry`, userId, brokenQueue);
    expect(res.status).toBe(503);
    expect(await ctx.job(job!.id)).toMatchObject({ status: 'failed', error_code: 'PROCESSING_FAILED', error_retryable: true });
    expect(await ctx.auditRows({ requestId: res.headers.get('x-request-id')! })).toEqual([
      expect.objectContaining({ action: 'job.retried', outcome: 'failure', reason: 'SERVICE_UNAVAILABLE' }),
    ]);
    // Still recoverable once the queue is back.
    expect((await ctx.post(`/jobs/${job!.id}/retry`, userId)).status).toBe(202);
  });
});

describe('an upload whose last step, marking the job queued, fails', () => {
  it('leaves a job the processor will take: uploaded, its original stored, its message sent', async () => {
    const userId = await ctx.createUser();
    await ctx.drainQueue();
    // The database refuses uploaded → queued for this user only, after the object and the message went out.
    await sql`CREATE FUNCTION refuse_queued() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$`.execute(ctx.adminDb);
    await sql`CREATE TRIGGER refuse_queued BEFORE UPDATE ON document_jobs FOR EACH ROW WHEN (OLD.status = 'uploaded' AND NEW.status = 'queued' AND NEW.user_id = ${sql.lit(userId)}::uuid) EXECUTE FUNCTION refuse_queued()`.execute(ctx.adminDb);
    let res: Response;
    try {
      res = await ctx.upload(png, { userId });
    } finally {
      await sql`DROP TRIGGER refuse_queued ON document_jobs`.execute(ctx.adminDb);
      await sql`DROP FUNCTION refuse_queued()`.execute(ctx.adminDb);
    }
    expect(res.status).toBeGreaterThanOrEqual(500);

    const [job] = await ctx.jobsOf(userId);
    expect(job).toMatchObject({ status: 'uploaded', error_code: null });
    expect(await ctx.headOriginal(job!.id)).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.resources.documentsKeyArn });
    expect(await ctx.messagesFor(job!.id)).toEqual([{ jobId: job!.id }]);
    // The processor claims `uploaded` jobs as well as `queued` ones (and the sweeper re-sends an old `uploaded` one).
    expect(await claimForProcessing(ctx.adminDb, job!.id, 240)).toMatchObject({ status: 'processing', attempts: 1 });
  });
});
