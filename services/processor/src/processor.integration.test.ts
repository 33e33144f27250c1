/**
 * The processor end to end on PostgreSQL + moto (S3, KMS, SQS, DynamoDB) + the Bedrock mock,
 * driven through the SQS event source: every synthetic report is interpreted with the right
 * flags, stored encrypted, audited and costed, and its original deleted; so are the sample
 * photo (JPEG) and screenshot (PNG) of a report, which the mock reads with OCR; a duplicate
 * message makes one result.
 */
import { HeadObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabContent } from '#shared/content/index.ts';
import type { LabInterpretation } from '#shared/interpretation/lab-interpretation.ts';
import { LAB_REPORT_IMAGE_SAMPLES, labReportImageBytes } from '../../../e2e/fixtures/documents/index.ts';
import { EXPECTED_FLAGS, flagsOf } from '../../../e2e/fixtures/lab-reports/expected-flags.ts';
import { LAB_REPORT_FIXTURES, readLabReportFixture } from '../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { makeLabReportPdf } from '../../../e2e/fixtures/lab-reports/make-pdf.ts';
import { interpretLabReport } from '../../../emulation/src/mocks/bedrock/lab-interpreter/index.ts';
import { awsClientConfig } from '../../../emulation/src/testing/document-resources.ts';
import { getTestBackend } from '../../../emulation/src/testing/backend.ts';
import { processingMessageBody } from './processing-message.ts';
import { createProcessorTestContext, type ProcessorTestContext } from './testing/processor-test-context.ts';

let context: ProcessorTestContext;

beforeAll(async () => {
  context = await createProcessorTestContext();
  await context.startProcessor({ concurrency: 2 });
});
afterAll(() => context?.close());

/**
 * Every string of the interpretation that could identify a report's content. Strings shorter than
 * six characters are left out: ciphertext bytes and the base64 key in the message header contain
 * a given three-letter analyte name ("TSH", "LDL") by chance every few hundred runs, and each short
 * name also sits inside its explanation, which is checked.
 */
function plaintextOf(interpretation: LabInterpretation): string[] {
  return [
    interpretation.title,
    interpretation.summary,
    ...interpretation.labValues.flatMap((value) => [value.name, value.explanation, value.unit]),
  ].filter((text) => text.length >= 6);
}

/** The raw rows as text: every column, bytea both as UTF-8 and Latin-1 so no plaintext can hide. */
async function rawRows(contentId: string): Promise<string> {
  const { rows: contents } = await sql<Record<string, unknown>>`select * from contents where id = ${contentId}`.execute(context.admin.db);
  const { rows: values } = await sql<Record<string, unknown>>`select * from lab_values where content_id = ${contentId}`.execute(context.admin.db);
  expect(contents).toHaveLength(1);
  return [...contents, ...values]
    .flatMap((row) => Object.values(row))
    .map((value) => (Buffer.isBuffer(value) ? `${value.toString('utf8')}\n${value.toString('latin1')}` : String(value)))
    .join('\n');
}

describe.each(LAB_REPORT_FIXTURES)('the synthetic report %s as a PDF', (fixture) => {
  const text = readLabReportFixture(fixture);
  const expected = interpretLabReport(text);

  it('goes queued → completed with the flags the model gives, encrypted at rest, its original deleted, audited and costed', async () => {
    const pdf = await makeLabReportPdf(text);
    const job = await context.submitDocument(pdf, 'application/pdf');
    expect(job.status).toBe('queued');

    const done = await context.waitForJob(job.id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', attempts: 1, error_code: null });

    const content = await readLabContent(context.database.db, context.cipher, job.user_id, done.content_id!);
    expect(content?.jobId).toBe(job.id);
    expect(content?.title).toBe(expected.title);
    expect(content?.documentDate).toBe(expected.documentDate);
    expect(content?.labValues.map((value) => [value.name, value.value, value.flag])).toEqual(expected.labValues.map((value) => [value.name, value.value, value.flag]));
    expect(content?.flaggedCount).toBe(expected.labValues.filter((value) => value.flag !== 'normal').length);
    expect(content?.interpretation.advice).toBe(expected.advice);

    // The temp object is gone. It is deleted just after the job commits, so give it a moment.
    await expect
      .poll(() => context.s3.send(new HeadObjectCommand({ Bucket: context.resources.bucket, Key: job.object_key })).then(() => 'present', (error: Error) => error.name), { timeout: 5_000, interval: 50 })
      .toBe('NotFound');
    // Gone for good: no noncurrent version and no delete marker (the bucket is versioned).
    const versions = await context.s3.send(new ListObjectVersionsCommand({ Bucket: context.resources.bucket, Prefix: job.object_key }));
    expect([...(versions.Versions ?? []), ...(versions.DeleteMarkers ?? [])]).toEqual([]);

    // A raw SELECT shows no plaintext from the report.
    const raw = await rawRows(done.content_id!);
    for (const plaintext of plaintextOf(expected)) expect(raw).not.toContain(plaintext);

    // Audited with ids only, in the same transaction as the content.
    const audit = await context.admin.db.selectFrom('audit_events').selectAll().where('action', '=', 'content.created').where('resource_id', '=', done.content_id).execute();
    expect(audit).toEqual([expect.objectContaining({ actor_id: job.user_id, resource_type: 'content', outcome: 'success', reason: null })]);

    // The Bedrock call's cost was recorded for the user, as a lab_results call.
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientConfig(getTestBackend().aws)));
    try {
      const { Items } = await documents.send(
        new QueryCommand({ TableName: context.costTableName, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': job.user_id } }),
      );
      expect(Items).toHaveLength(1);
      expect(Items?.[0]).toMatchObject({ documentType: 'lab_results' });
    } finally {
      documents.destroy();
    }
  });
});

describe.each(['jpeg', 'png'] as const)('the sample %s image of a report', (format) => {
  const sample = LAB_REPORT_IMAGE_SAMPLES[format];
  const expected = interpretLabReport(readLabReportFixture(sample.report));

  it(`goes queued → completed with the flags the report prints (${sample.file}), its original deleted and costed`, async () => {
    const job = await context.submitDocument(labReportImageBytes(sample.report, format), sample.mediaType);
    expect(job.status).toBe('queued');

    const done = await context.waitForJob(job.id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', attempts: 1, error_code: null });
    const content = await readLabContent(context.database.db, context.cipher, job.user_id, done.content_id!);
    expect(flagsOf(content?.labValues ?? [])).toEqual(EXPECTED_FLAGS[sample.report]);
    // Read from the pixels as from the report's text: same title, date, values and flags.
    expect(content?.title).toBe(expected.title);
    expect(content?.documentDate).toBe(expected.documentDate);
    expect(content?.labValues.map((value) => [value.name, value.value, value.flag])).toEqual(expected.labValues.map((value) => [value.name, value.value, value.flag]));
    expect(content?.flaggedCount).toBe(expected.labValues.filter((value) => value.flag !== 'normal').length);

    await expect
      .poll(() => context.s3.send(new HeadObjectCommand({ Bucket: context.resources.bucket, Key: job.object_key })).then(() => 'present', (error: Error) => error.name), { timeout: 5_000, interval: 50 })
      .toBe('NotFound');
    const raw = await rawRows(done.content_id!);
    for (const plaintext of plaintextOf(expected)) expect(raw).not.toContain(plaintext);
  });
});

describe('idempotency', () => {
  it('a duplicated message for one job produces one result', async () => {
    const pdf = await makeLabReportPdf(readLabReportFixture('cbc-one-low'));
    const job = await context.submitDocument(pdf, 'application/pdf', { send: false });
    await Promise.all([context.sendMessage(processingMessageBody(job.id)), context.sendMessage(processingMessageBody(job.id))]);

    const done = await context.waitForJob(job.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    await expect.poll(() => context.messageCount(context.resources.queueUrl), { timeout: 10_000 }).toBe(0);
    // A third copy, after completion, changes nothing either.
    await context.sendMessage(processingMessageBody(job.id));
    await expect.poll(() => context.messageCount(context.resources.queueUrl), { timeout: 10_000 }).toBe(0);

    const contents = await context.admin.db.selectFrom('contents').select('id').where('job_id', '=', job.id).execute();
    expect(contents).toEqual([{ id: done.content_id }]);
    const after = await context.admin.db.selectFrom('document_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'completed', attempts: 1, content_id: done.content_id });
    expect(await context.messageCount(context.resources.deadLetterQueueUrl)).toBe(0);
  });
});
