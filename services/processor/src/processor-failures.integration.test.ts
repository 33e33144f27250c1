/**
 * How the processor fails, on the real backend through the SQS event source: what is
 * redelivered (throttling, Bedrock down), what ends at once (unreadable image, invalid answer
 * twice, missing original, denied model access), and what is dropped (malformed messages).
 * Faults are injected into Bedrock mocks of this file, never into the shared one.
 */
import { ConverseCommand, type ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BedrockRuntime } from '#shared/bedrock/bedrock-client.ts';
import { readLabContent } from '#shared/content/index.ts';
import { captureEmf } from '#shared/testing/capture-emf.ts';
import { readLabReportFixture } from '../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { makeLabReportPdf } from '../../../e2e/fixtures/lab-reports/make-pdf.ts';
import { startBedrockMock, type BedrockMock } from '../../../emulation/src/mocks/bedrock/index.ts';
import { interpretLabReport } from '../../../emulation/src/mocks/bedrock/lab-interpreter/index.ts';
import { processingMessageBody } from './processing-message.ts';
import { createProcessorTestContext, type ProcessorTestContext } from './testing/processor-test-context.ts';
import { makeJpeg, makePng } from './testing/test-images.ts';

const CBC = readLabReportFixture('cbc-one-low');

async function noJobProcessing(context: ProcessorTestContext): Promise<void> {
  const stuck = await context.admin.db.selectFrom('document_jobs').select('id').where('status', '=', 'processing').execute();
  expect(stuck).toEqual([]);
}

describe('with Bedrock throttling at first', () => {
  let mock: BedrockMock;
  let context: ProcessorTestContext;
  beforeAll(async () => {
    mock = await startBedrockMock({ config: { errors: { rate: 1, types: ['ThrottlingException'] } } });
    context = await createProcessorTestContext({ bedrockEndpoint: mock.endpoint });
  });
  afterAll(async () => {
    await context?.close();
    await mock?.stop();
  });

  it('releases the job for redelivery, then completes it on a later delivery', async () => {
    const emf = captureEmf();
    try {
      const job = await context.submitDocument(await makeLabReportPdf(CBC), 'application/pdf');
      const outcomes: string[] = [];
      const source = await context.startProcessor({
        wrap: (handler) => async (event, lambdaContext) => {
          const result = await handler(event, lambdaContext);
          outcomes.push(result?.batchItemFailures.length ? 'failed' : 'ok');
          // Bedrock recovers after the first delivery was throttled.
          mock.configure({ errors: { rate: 0 } });
          return result;
        },
      });

      const done = await context.waitForJob(job.id, ['completed', 'failed']);
      // The job is committed before the handler returns: let the delivery finish before
      // looking at what it reported and emitted.
      await source.stop();
      expect(done.status).toBe('completed');
      expect(done.attempts).toBe(2);
      expect(outcomes).toEqual(['failed', 'ok']);
      // The SDK's own retries ran inside the first delivery: 3 throttled requests, then 1 served.
      expect(mock.stats()).toMatchObject({ errorsInjected: { ThrottlingException: 3 } });
      const content = await readLabContent(context.database.db, context.cipher, job.user_id, done.content_id!);
      expect(content?.labValues.map((value) => value.flag)).toEqual(interpretLabReport(CBC).labValues.map((value) => value.flag));

      const outcomesEmitted = emf.named('DocumentsProcessed').map((line) => line.Outcome);
      expect(outcomesEmitted).toEqual(['retried', 'completed']);
      expect(emf.named('ProcessingFailures').map((line) => line.ErrorCode)).toEqual(['LLM_THROTTLED']);
      expect(emf.named('PipelineDuration')).toHaveLength(1);
      expect(emf.named('RecoverySuccess').map((line) => [line.Strategy, line.Success])).toEqual([['retry', 'true']]);
    } finally {
      emf.restore();
    }
  });
});

describe('with Bedrock failing every time', () => {
  let mock: BedrockMock;
  let context: ProcessorTestContext;
  beforeAll(async () => {
    mock = await startBedrockMock({ config: { errors: { rate: 1, types: ['ServiceUnavailableException'] } } });
    context = await createProcessorTestContext({ bedrockEndpoint: mock.endpoint, maxReceives: 3 });
  });
  afterAll(async () => {
    await context?.close();
    await mock?.stop();
  });

  it('fails the job PROCESSING_FAILED (retryable) on the last delivery, the message lands in the DLQ, nothing stays processing', async () => {
    const emf = captureEmf();
    const job = await context.submitDocument(await makeLabReportPdf(CBC), 'application/pdf');
    const receiveCounts: string[] = [];
    await context.startProcessor({
      wrap: (handler) => (event, lambdaContext) => {
        receiveCounts.push(...event.Records.map((record) => record.attributes.ApproximateReceiveCount));
        return handler(event, lambdaContext);
      },
    });

    try {
      const done = await context.waitForJob(job.id, ['completed', 'failed']);
      expect(done).toMatchObject({ status: 'failed', error_code: 'PROCESSING_FAILED', error_retryable: true, attempts: 3, content_id: null });
      // Redelivery was the recovery strategy, and it failed (counted just after the job commits).
      await expect.poll(() => emf.named('RecoverySuccess').map((line) => [line.Strategy, line.Success]), { timeout: 5_000 }).toEqual([['retry', 'false']]);
    } finally {
      emf.restore();
    }
    await expect.poll(() => context.messageCount(context.resources.deadLetterQueueUrl), { timeout: 15_000 }).toBe(1);
    expect(await context.messageCount(context.resources.queueUrl)).toBe(0);
    expect(receiveCounts).toEqual(['1', '2', '3']);
    await noJobProcessing(context);
    // The original stays for a retry by the user.
    await expect(context.s3.send(new HeadObjectCommand({ Bucket: context.resources.bucket, Key: job.object_key }))).resolves.toBeDefined();
  });
});

describe('with Bedrock denying access to the model', () => {
  let mock: BedrockMock;
  let context: ProcessorTestContext;
  beforeAll(async () => {
    mock = await startBedrockMock({ config: { errors: { rate: 1, types: ['AccessDeniedException'] } } });
    context = await createProcessorTestContext({ bedrockEndpoint: mock.endpoint });
    await context.startProcessor();
  });
  afterAll(async () => {
    await context?.close();
    await mock?.stop();
  });

  it('fails the job at once as PROCESSING_FAILED, retryable by the user, without redelivery', async () => {
    const job = await context.submitDocument(await makeLabReportPdf(CBC), 'application/pdf');
    const done = await context.waitForJob(job.id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'failed', error_code: 'PROCESSING_FAILED', error_retryable: true, attempts: 1 });
    await expect.poll(() => context.messageCount(context.resources.queueUrl), { timeout: 10_000 }).toBe(0);
    expect(await context.messageCount(context.resources.deadLetterQueueUrl)).toBe(0);
    expect(mock.stats().requests.Converse).toBe(1);
  });
});

describe('when the model answers with an invalid interpretation', () => {
  let context: ProcessorTestContext;
  /** The Converse requests sent, and how many answers to corrupt (then: the real interpretation). */
  const sent: ConverseCommand[] = [];
  let corruptAnswers = 0;
  let replacement: unknown;

  beforeAll(async () => {
    // Between the SDK and the shared mock: records requests and rewrites the tool input of answers.
    const wrapRuntime = (runtime: BedrockRuntime): BedrockRuntime => ({
      send: (async (command: unknown, options?: unknown) => {
        const output = (await (runtime.send as (c: unknown, o?: unknown) => Promise<unknown>)(command, options)) as ConverseCommandOutput;
        if (!(command instanceof ConverseCommand)) return output;
        sent.push(command);
        const toolUse = output.output?.message?.content?.find((block) => block.toolUse)?.toolUse;
        if (toolUse !== undefined) {
          if (corruptAnswers > 0) {
            corruptAnswers -= 1;
            // What a confused model might send: a flag outside the enum, a value as text, no summary.
            toolUse.input = { title: 'Report', documentDate: null, labValues: [{ name: 'Hemoglobin', value: 'eleven', unit: 'g/dL', referenceRange: null, flag: 'abnormal', explanation: 'x' }], confidence: 0.9, advice: 'See a clinician.' };
          } else if (replacement !== undefined) {
            toolUse.input = replacement as never;
          }
        }
        return output;
      }) as BedrockRuntime['send'],
    });
    context = await createProcessorTestContext({ wrapRuntime });
    await context.startProcessor();
  });
  afterAll(() => context?.close());
  beforeEach(() => {
    sent.length = 0;
  });

  it('asks once more with the validation errors, then fails INTERPRETATION_INVALID (not retryable), without redelivery', async () => {
    corruptAnswers = 2;
    const job = await context.submitDocument(await makeLabReportPdf(CBC), 'application/pdf');
    const done = await context.waitForJob(job.id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'failed', error_code: 'INTERPRETATION_INVALID', error_retryable: false, attempts: 1 });
    expect(sent).toHaveLength(2);

    const [first, second] = sent.map((command) => command.input);
    expect(first?.toolConfig?.toolChoice).toEqual({ tool: { name: 'record_lab_interpretation' } });
    expect(first?.messages?.[0]?.content?.[0]?.document).toMatchObject({ format: 'pdf', name: 'lab-report' });
    // The second request: the model's turn as it was, then the tool's error result with the problems.
    expect(second?.messages).toHaveLength(3);
    expect(second?.messages?.[1]?.role).toBe('assistant');
    const toolResult = second?.messages?.[2]?.content?.[0]?.toolResult;
    expect(toolResult?.status).toBe('error');
    expect(toolResult?.toolUseId).toBe(second?.messages?.[1]?.content?.find((block) => block.toolUse)?.toolUse?.toolUseId);
    const feedback = toolResult?.content?.[0]?.text ?? '';
    expect(feedback).toContain('labValues.0.value');
    expect(feedback).toContain('labValues.0.flag');
    expect(feedback).toContain('summary');
    await expect.poll(() => context.messageCount(context.resources.queueUrl), { timeout: 10_000 }).toBe(0);
    await noJobProcessing(context);
  });

  it('completes with the corrected answer when the second one is valid', async () => {
    corruptAnswers = 1;
    replacement = interpretLabReport(CBC);
    try {
      const job = await context.submitDocument(await makeLabReportPdf(CBC), 'application/pdf');
      const done = await context.waitForJob(job.id, ['completed', 'failed']);
      expect(done.status).toBe('completed');
      expect(sent).toHaveLength(2);
      const content = await readLabContent(context.database.db, context.cipher, job.user_id, done.content_id!);
      expect(content?.labValues).toHaveLength(interpretLabReport(CBC).labValues.length);
    } finally {
      replacement = undefined;
    }
  });
});

describe('with the shared Bedrock mock', () => {
  let context: ProcessorTestContext;
  let emf: ReturnType<typeof captureEmf>;
  beforeAll(async () => {
    context = await createProcessorTestContext();
    await context.startProcessor();
  });
  afterAll(() => context?.close());
  beforeEach(() => {
    emf = captureEmf();
  });
  afterEach(() => emf.restore());

  it.each([
    ['a JPEG', 'image/jpeg', makeJpeg()],
    ['a PNG', 'image/png', makePng()],
  ] as const)('fails %s without readable values as DOCUMENT_UNREADABLE (not retryable), without redelivery', async (_label, mediaType, bytes) => {
    const job = await context.submitDocument(bytes, mediaType);
    const done = await context.waitForJob(job.id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'failed', error_code: 'DOCUMENT_UNREADABLE', error_retryable: false, attempts: 1, content_id: null });
    await expect.poll(() => context.messageCount(context.resources.queueUrl), { timeout: 10_000 }).toBe(0);
    expect(await context.messageCount(context.resources.deadLetterQueueUrl)).toBe(0);
    expect(emf.named('DocumentsProcessed').map((line) => line.Outcome)).toEqual(['failed']);
  });

  it('records the LLM cost and ProcessingTime of a completed document as lab_results, and its pipeline duration', async () => {
    const job = await context.submitDocument(await makeLabReportPdf(CBC), 'application/pdf');
    expect((await context.waitForJob(job.id, ['completed', 'failed'])).status).toBe('completed');
    await expect.poll(() => emf.named('DocumentsProcessed').map((line) => line.Outcome), { timeout: 5_000 }).toEqual(['completed']);
    await expect.poll(() => emf.named('ProcessingTime').length, { timeout: 5_000 }).toBe(1);

    const [processingTime] = emf.named('ProcessingTime');
    expect(processingTime?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Serenya/LLM', Dimensions: [['DocumentType']], Metrics: [{ Name: 'ProcessingTime', Unit: 'Milliseconds' }] });
    expect(processingTime).toMatchObject({ DocumentType: 'lab_results' });
    expect(processingTime?.['ProcessingTime']).toBeGreaterThan(0);
    const [cost] = emf.named('TotalCost');
    expect(cost?._aws.CloudWatchMetrics[0]?.Namespace).toBe('Serenya/LLM');
    expect(cost?.['TotalCost']).toBeGreaterThan(0);
    expect(emf.named('InputTokens')[0]).toMatchObject({ DocumentType: 'lab_results' });
    const [duration] = emf.named('PipelineDuration');
    expect(duration?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Serenya/Documents', Dimensions: [['DocumentType']] });
    expect(duration).toMatchObject({ DocumentType: 'lab_results' });
  });

  it('fails a job whose original is gone as PROCESSING_FAILED, not retryable', async () => {
    const job = await context.submitDocument(await makeLabReportPdf(CBC), 'application/pdf', { send: false });
    await context.s3.send(new DeleteObjectCommand({ Bucket: context.resources.bucket, Key: job.object_key }));
    await context.sendMessage(processingMessageBody(job.id));
    const done = await context.waitForJob(job.id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'failed', error_code: 'PROCESSING_FAILED', error_retryable: false, attempts: 1 });
  });

  it('drops malformed messages: no retry, no dead letter, counted', async () => {
    await context.sendMessage('not json');
    await context.sendMessage('{"jobId":"not-a-uuid"}');
    await context.sendMessage('{"id":"3f1c2d4e-0000-4000-8000-000000000000"}');
    await expect.poll(() => emf.named('DocumentsProcessed').length, { timeout: 10_000 }).toBe(3);
    expect(emf.named('DocumentsProcessed').map((line) => line.Outcome)).toEqual(['malformed', 'malformed', 'malformed']);
    await expect.poll(() => context.messageCount(context.resources.queueUrl), { timeout: 10_000 }).toBe(0);
    expect(await context.messageCount(context.resources.deadLetterQueueUrl)).toBe(0);
  });

  it('skips a message for a job that does not exist', async () => {
    await context.sendMessage(processingMessageBody('3f1c2d4e-0000-4000-8000-000000000000'));
    await expect.poll(() => emf.named('DocumentsProcessed').map((line) => line.Outcome), { timeout: 10_000 }).toEqual(['skipped']);
    await expect.poll(() => context.messageCount(context.resources.queueUrl), { timeout: 10_000 }).toBe(0);
  });
});
