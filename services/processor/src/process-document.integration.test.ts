/**
 * processDocument's edges that the queue-driven tests cannot reach on purpose: a worker
 * overtaken by another delivery while it waited for the model, and a database that is down.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatabaseConfig } from '#shared/config/database-config.ts';
import { createDatabase } from '#shared/db/database.ts';
import { claimForProcessing, getJob } from '#shared/jobs/document-jobs.ts';
import { readLabReportFixture } from '../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { makeLabReportPdf } from '../../../e2e/fixtures/lab-reports/make-pdf.ts';
import { processDocument, type ProcessDocumentRequest } from './process-document.ts';
import { createProcessorTestContext, type ProcessorTestContext } from './testing/processor-test-context.ts';

let context: ProcessorTestContext;
beforeAll(async () => {
  context = await createProcessorTestContext();
});
afterAll(() => context?.close());

function request(jobId: string, receiveCount = 1): ProcessDocumentRequest {
  return { jobId, receiveCount, requestId: 'test-request', remainingTimeMs: () => 170_000 };
}

describe('processDocument', () => {
  it('discards its result when another delivery reclaimed the job meanwhile: one content, from the latest claim', async () => {
    const job = await context.submitDocument(await makeLabReportPdf(readLabReportFixture('cbc-one-low')), 'application/pdf', { send: false });
    const overtaken = await processDocument(
      {
        ...context.deps,
        bedrock: {
          async converse(converseRequest, ctx) {
            // While this worker waits for the model, it goes stale and another delivery reclaims the job.
            await sql`update document_jobs set processing_started_at = now() - interval '1 hour' where id = ${job.id}`.execute(context.admin.db);
            expect(await claimForProcessing(context.database.db, job.id, context.config.staleAfterSeconds)).toMatchObject({ attempts: 2 });
            return context.bedrock.converse(converseRequest, ctx);
          },
        },
      },
      request(job.id),
    );
    expect(overtaken).toEqual({ kind: 'skipped', status: 'processing' });
    expect(await context.admin.db.selectFrom('contents').select('id').where('job_id', '=', job.id).execute()).toEqual([]);
    expect(await getJob(context.database.db, job.id)).toMatchObject({ status: 'processing', attempts: 2 });
  });

  it('asks for redelivery while the database is down, and on the last delivery still reports the failure', async () => {
    const down = createDatabase(readDatabaseConfig({ DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none', DATABASE_SSL: 'disable', DATABASE_CONNECT_RETRIES: '0', DATABASE_CONNECT_TIMEOUT_MS: '200' }));
    try {
      const deps = { ...context.deps, db: down.db };
      const jobId = '3f1c2d4e-0000-4000-8000-000000000001';
      expect(await processDocument(deps, request(jobId, 1))).toEqual({ kind: 'retried', code: 'SERVICE_UNAVAILABLE' });
      expect(await processDocument(deps, request(jobId, 3))).toEqual({ kind: 'exhausted', code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await down.close();
    }
  });
});
