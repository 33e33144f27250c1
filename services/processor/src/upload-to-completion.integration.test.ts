/**
 * The whole pipeline as a client sees it: POST /documents through the documents app, the
 * processor driven by the SQS event source, GET /jobs/{id} polled until completed, then the
 * stored interpretation read back: for every synthetic sample, with the flags the sample prints
 * (EXPECTED_FLAGS, written by hand, not computed by the mock), and its original gone from S3.
 * The sample photo (JPEG) and screenshot (PNG) of a report complete the same way: the Bedrock
 * mock reads images with OCR, as Claude reads them. A photo with nothing legible ends failed,
 * DOCUMENT_UNREADABLE: the mock says so in a valid low-confidence answer with no values
 * (issue 3), which the processor must not store as an empty result.
 */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocumentsConfig } from '#shared/config/documents-config.ts';
import { readLabContent } from '#shared/content/index.ts';
import type { JobView } from '#shared/jobs/document-jobs.ts';
import { createTestTokenIssuer } from '#shared/testing/test-token-issuer.ts';
import { jpegBytes, LAB_REPORT_IMAGE_SAMPLES, labReportImageBytes } from '../../../e2e/fixtures/documents/index.ts';
import { EXPECTED_FLAGS, flagsOf } from '../../../e2e/fixtures/lab-reports/expected-flags.ts';
import { LAB_REPORT_FIXTURES, readLabReportFixture } from '../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { makeLabReportPdf } from '../../../e2e/fixtures/lab-reports/make-pdf.ts';
import { interpretLabReport } from '../../../emulation/src/mocks/bedrock/lab-interpreter/index.ts';
import { createDocumentsApp } from '../../documents/src/app.ts';
import type { SqsEventSource } from '../../../emulation/src/runtime/sqs-event-source.ts';
import { getTestBackend } from '../../../emulation/src/testing/backend.ts';
import { awsClientConfig } from '../../../emulation/src/testing/document-resources.ts';
import { createProcessorTestContext, type ProcessorTestContext } from './testing/processor-test-context.ts';

let context: ProcessorTestContext;
let source: SqsEventSource;
let app: ReturnType<typeof createDocumentsApp>;
let s3: S3Client;
let sqs: SQSClient;
let tokenFor: (userId: string) => Promise<string>;

beforeAll(async () => {
  context = await createProcessorTestContext();
  const issuer = await createTestTokenIssuer();
  tokenFor = issuer.tokenFor;
  const aws = awsClientConfig(getTestBackend().aws);
  s3 = new S3Client({ ...aws, forcePathStyle: true });
  sqs = new SQSClient(aws);
  app = createDocumentsApp({
    db: context.database.db,
    s3,
    sqs,
    documents: readDocumentsConfig(context.resources.environment),
    accessTokens: issuer.accessTokens,
  });
  source = await context.startProcessor({ concurrency: 2 });
});

afterAll(async () => {
  await source?.stop();
  s3?.destroy();
  sqs?.destroy();
  await context?.close();
});

async function upload(userId: string, bytes: Uint8Array, file = { name: 'report.pdf', type: 'application/pdf' }, path = '/documents'): Promise<{ jobId: string; statusUrl: string }> {
  const form = new FormData();
  form.set('file', new Blob([bytes], { type: file.type }), file.name);
  const res = await app.request(path, { method: 'POST', body: form, headers: { authorization: `Bearer ${await tokenFor(userId)}` } });
  expect(res.status).toBe(202);
  return (await res.json()) as { jobId: string; statusUrl: string };
}

async function pollUntilDone(userId: string, statusUrl: string): Promise<JobView> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const res = await app.request(statusUrl, { headers: { authorization: `Bearer ${await tokenFor(userId)}` } });
    expect(res.status).toBe(200);
    const view = (await res.json()) as JobView;
    if (view.status === 'completed' || view.status === 'failed') return view;
    if (Date.now() > deadline) throw new Error(`job still ${view.status} after 25 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('upload → poll → completed', () => {
  it.each(LAB_REPORT_FIXTURES.map((name) => [name]))('%s: completed with the flags the report holds', async (name) => {
    const userId = await context.createUser();
    const text = readLabReportFixture(name);
    const { jobId, statusUrl } = await upload(userId, await makeLabReportPdf(text));
    expect(statusUrl).toBe(`/jobs/${jobId}`);

    const done = await pollUntilDone(userId, statusUrl);
    expect(done).toMatchObject({ jobId, status: 'completed', attempts: 1 });
    expect(done.error).toBeUndefined();

    const content = await readLabContent(context.database.db, context.cipher, userId, done.contentId!);
    const expected = interpretLabReport(text);
    expect(content?.labValues.map((v) => [v.name, v.value, v.flag])).toEqual(expected.labValues.map((v) => [v.name, v.value, v.flag]));
    expect(expected.labValues.length).toBeGreaterThan(0);
    expect(flagsOf(content?.labValues ?? [])).toEqual(EXPECTED_FLAGS[name]);

    // The original is deleted just after the job commits.
    await expect
      .poll(() => s3.send(new HeadObjectCommand({ Bucket: context.resources.bucket, Key: `jobs/${jobId}_original` })).then(() => 'present', (error: Error) => error.name), { timeout: 5_000, interval: 50 })
      .toBe('NotFound');

    // Another user sees nothing of it.
    const stranger = await context.createUser();
    const foreign = await app.request(statusUrl, { headers: { authorization: `Bearer ${await tokenFor(stranger)}` } });
    expect(foreign.status).toBe(404);
  });
});

describe('upload → poll → completed, for the sample photo and screenshot of a report', () => {
  it.each([
    ['jpeg', '/documents'],
    ['png', '/documents/upload'], // the original design's path
  ] as const)('the %s sample: completed with the flags its report prints', async (format, path) => {
    const sample = LAB_REPORT_IMAGE_SAMPLES[format];
    const userId = await context.createUser();
    const { jobId, statusUrl } = await upload(userId, labReportImageBytes(sample.report, format), { name: sample.file, type: sample.mediaType }, path);

    const done = await pollUntilDone(userId, statusUrl);
    expect(done).toMatchObject({ jobId, status: 'completed', attempts: 1 });
    expect(done.error).toBeUndefined();
    const content = await readLabContent(context.database.db, context.cipher, userId, done.contentId!);
    expect(flagsOf(content?.labValues ?? [])).toEqual(EXPECTED_FLAGS[sample.report]);
    expect(content?.flaggedCount).toBeGreaterThan(0);

    await expect
      .poll(() => s3.send(new HeadObjectCommand({ Bucket: context.resources.bucket, Key: `jobs/${jobId}_original` })).then(() => 'present', (error: Error) => error.name), { timeout: 5_000, interval: 50 })
      .toBe('NotFound');
  });
});

describe('upload → poll → failed, for a photo with nothing legible', () => {
  it('ends DOCUMENT_UNREADABLE, not retryable, with no content (through the original design paths)', async () => {
    const userId = await context.createUser();
    const { jobId, statusUrl } = await upload(userId, jpegBytes({ width: 64, height: 48 }), { name: 'unreadable-photo.jpg', type: 'image/jpeg' }, '/documents/upload');
    const done = await pollUntilDone(userId, `${statusUrl}/status`);
    expect(done).toMatchObject({ jobId, status: 'failed', attempts: 1, error: { code: 'DOCUMENT_UNREADABLE', retryable: false } });
    expect(done.contentId).toBeUndefined();
    expect(await context.admin.db.selectFrom('contents').select('id').where('job_id', '=', jobId).execute()).toEqual([]);
  });
});
