/**
 * Recovery of jobs whose worker died in `processing`: the sweeper re-sends their message (the
 * processor reclaims and completes them) or, with no attempts left, fails them; fresh
 * `processing` jobs are left alone.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureEmf } from '#shared/testing/capture-emf.ts';
import { claimForProcessing } from '#shared/jobs/document-jobs.ts';
import { readLabReportFixture } from '../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { makeLabReportPdf } from '../../../e2e/fixtures/lab-reports/make-pdf.ts';
import { createStaleJobSweeperHandler, sweepStaleJobs } from './stale-job-sweeper.ts';
import { createProcessorTestContext, type ProcessorTestContext } from './testing/processor-test-context.ts';

let context: ProcessorTestContext;
beforeAll(async () => {
  context = await createProcessorTestContext({ maxReceives: 3 });
});
afterAll(() => context?.close());

/** A job left in `processing` by a worker that died `minutesAgo` minutes ago, after `attempts` claims. */
async function abandonedJob(attempts: number, minutesAgo: number): Promise<string> {
  const job = await context.submitDocument(await makeLabReportPdf(readLabReportFixture('cbc-one-low')), 'application/pdf', { send: false });
  await claimForProcessing(context.database.db, job.id, context.config.staleAfterSeconds);
  await sql`update document_jobs set attempts = ${attempts}, processing_started_at = now() - make_interval(mins => ${minutesAgo}) where id = ${job.id}`.execute(context.admin.db);
  return job.id;
}

describe('sweepStaleJobs', () => {
  it('re-sends a stale job with attempts left, and the processor reclaims and completes it', async () => {
    const stale = await abandonedJob(1, 10);
    const fresh = await abandonedJob(1, 0);
    const emf = captureEmf();
    try {
      const result = await createStaleJobSweeperHandler(context.deps)();
      expect(result).toEqual({ requeued: [stale], failed: [], errors: 0 });
      expect(emf.named('StaleJobsRecovered').map((line) => line.Action)).toEqual(['requeued']);
    } finally {
      emf.restore();
    }
    expect(await context.messageCount(context.resources.queueUrl)).toBe(1);

    const source = await context.startProcessor();
    const done = await context.waitForJob(stale, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', attempts: 2 });
    await source.stop();

    // The fresh one still has a live worker (as far as anyone can tell): untouched.
    const untouched = await context.admin.db.selectFrom('document_jobs').select(['status', 'attempts']).where('id', '=', fresh).executeTakeFirstOrThrow();
    expect(untouched).toEqual({ status: 'processing', attempts: 1 });
    await sql`update document_jobs set status = 'failed', error_code = 'PROCESSING_FAILED' where id = ${fresh}`.execute(context.admin.db);
  });

  it('fails a stale job that has used all its attempts: PROCESSING_FAILED, retryable, no message sent', async () => {
    const stale = await abandonedJob(3, 10);
    const result = await sweepStaleJobs(context.deps);
    expect(result).toEqual({ requeued: [], failed: [stale], errors: 0 });
    const job = await context.admin.db.selectFrom('document_jobs').selectAll().where('id', '=', stale).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'failed', error_code: 'PROCESSING_FAILED', error_retryable: true });
    expect(await context.messageCount(context.resources.queueUrl)).toBe(0);
    const processing = await context.admin.db.selectFrom('document_jobs').select('id').where('status', '=', 'processing').execute();
    expect(processing).toEqual([]);
  });

  it('re-sends jobs that never started (stale uploaded or queued), and leaves fresh ones alone', async () => {
    const pdf = await makeLabReportPdf(readLabReportFixture('cbc-one-low'));
    const stuckUploaded = await context.submitDocument(pdf, 'application/pdf', { send: false });
    const freshUploaded = await context.submitDocument(pdf, 'application/pdf', { send: false });
    const lostQueued = await context.submitDocument(pdf, 'application/pdf', { send: false });
    await sql`update document_jobs set status = 'uploaded', updated_at = now() - interval '10 minutes' where id = ${stuckUploaded.id}`.execute(context.admin.db);
    await sql`update document_jobs set status = 'uploaded' where id = ${freshUploaded.id}`.execute(context.admin.db);
    await sql`update document_jobs set status = 'queued', updated_at = now() - interval '2 hours' where id = ${lostQueued.id}`.execute(context.admin.db);

    const result = await sweepStaleJobs(context.deps);
    expect(result.requeued.sort()).toEqual([stuckUploaded.id, lostQueued.id].sort());
    expect(await context.messageCount(context.resources.queueUrl)).toBe(2);

    const source = await context.startProcessor();
    for (const id of [stuckUploaded.id, lostQueued.id]) expect((await context.waitForJob(id, ['completed', 'failed'])).status).toBe('completed');
    await source.stop();
    await sql`update document_jobs set status = 'failed', error_code = 'PROCESSING_FAILED' where id = ${freshUploaded.id}`.execute(context.admin.db);
  });

  it('counts a job it could not re-send and carries on with the others', async () => {
    const first = await abandonedJob(1, 10);
    const second = await abandonedJob(1, 10);
    const sent: string[] = [];
    const result = await sweepStaleJobs({
      ...context.deps,
      queue: {
        send: (jobId) => {
          if (jobId === first) return Promise.reject(new Error('queue unavailable'));
          sent.push(jobId);
          return Promise.resolve();
        },
      },
    });
    expect(result).toEqual({ requeued: [second], failed: [], errors: 1 });
    expect(sent).toEqual([second]);
    await sql`update document_jobs set status = 'failed', error_code = 'PROCESSING_FAILED' where id in (${first}, ${second})`.execute(context.admin.db);
  });
});
