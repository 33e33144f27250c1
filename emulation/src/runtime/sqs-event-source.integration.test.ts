import { randomBytes } from 'node:crypto';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getTestBackend } from '../testing/backend.ts';
import { awsClientConfig } from '../testing/document-resources.ts';
import type { LambdaContext } from './lambda-context.ts';
import { createSqsEventSource, type SqsEventSource, type SqsEventSourceOptions } from './sqs-event-source.ts';
import type { SqsEvent } from './sqs-event.ts';

let sqs: SQSClient;
const sources: SqsEventSource[] = [];

beforeAll(() => {
  sqs = new SQSClient(awsClientConfig(getTestBackend().aws));
});
afterEach(async () => {
  await Promise.all(sources.splice(0).map((source) => source.stop()));
});
afterAll(() => sqs.destroy());

/** A queue with a DLQ after `maxReceiveCount` receives, unique to the test. */
async function createQueue(maxReceiveCount = 3): Promise<{ queueUrl: string; queueArn: string; dlqUrl: string }> {
  const suffix = randomBytes(4).toString('hex');
  const { QueueUrl: dlqUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `esm-dlq-${suffix}` }));
  const dlqArn = await queueArn(dlqUrl!);
  const { QueueUrl: queueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: `esm-${suffix}`,
      Attributes: { VisibilityTimeout: '30', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }) },
    }),
  );
  return { queueUrl: queueUrl!, queueArn: await queueArn(queueUrl!), dlqUrl: dlqUrl! };
}

async function queueArn(queueUrl: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return Attributes!.QueueArn!;
}

async function messageCounts(queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { visible: Number(Attributes?.ApproximateNumberOfMessages), inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible) };
}

async function startSource(options: SqsEventSourceOptions): Promise<SqsEventSource> {
  const source = createSqsEventSource({ waitTimeSeconds: 1, ...options });
  sources.push(source);
  await source.start();
  return source;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('createSqsEventSource', () => {
  it("invokes the handler with Lambda's SQS event and context, and deletes what succeeded", async () => {
    const { queueUrl, queueArn: arn } = await createQueue();
    const seen: Array<{ event: SqsEvent; remainingMs: number; requestId: string }> = [];
    await startSource({
      sqs,
      queueUrl,
      batchSize: 1,
      functionTimeoutMs: 5_000,
      functionName: 'processor',
      handler: (event, context: LambdaContext) => {
        seen.push({ event, remainingMs: context.getRemainingTimeInMillis(), requestId: context.awsRequestId });
        return Promise.resolve({ batchItemFailures: [] });
      },
    });
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"jobId":"a"}' }));

    await until(() => seen.length === 1);
    const [record] = seen[0]!.event.Records;
    expect(record).toMatchObject({
      messageId: MessageId,
      body: '{"jobId":"a"}',
      eventSource: 'aws:sqs',
      eventSourceARN: arn,
      awsRegion: getTestBackend().aws.region,
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(record!.receiptHandle).not.toBe('');
    expect(Number(record!.attributes.SentTimestamp)).toBeGreaterThan(0);
    expect(record!.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    expect(seen[0]!.remainingMs).toBeGreaterThan(4_000);
    expect(seen[0]!.remainingMs).toBeLessThanOrEqual(5_000);
    expect(seen[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await until(async () => (await messageCounts(queueUrl)).inFlight === 0);
    expect(await messageCounts(queueUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('redelivers a reported batch item failure with a higher receive count, then the redrive policy moves it to the DLQ', async () => {
    const { queueUrl, dlqUrl } = await createQueue(2);
    const receiveCounts: string[] = [];
    await startSource({
      sqs,
      queueUrl,
      batchSize: 1,
      failureVisibilityTimeoutSeconds: 0,
      handler: (event) => {
        receiveCounts.push(...event.Records.map((record) => record.attributes.ApproximateReceiveCount));
        return Promise.resolve({ batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) });
      },
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'fails' }));

    await until(async () => (await messageCounts(dlqUrl)).visible === 1);
    expect(receiveCounts).toEqual(['1', '2']);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 1 }));
    expect(Messages?.[0]?.Body).toBe('fails');
  });

  it('deletes the succeeded records of a batch and keeps the failed ones', async () => {
    const { queueUrl } = await createQueue();
    const batches: string[][] = [];
    for (const body of ['ok-1', 'fail', 'ok-2']) await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    await startSource({
      sqs,
      queueUrl,
      batchSize: 3,
      handler: (event) => {
        batches.push(event.Records.map((record) => record.body));
        return Promise.resolve({
          batchItemFailures: event.Records.filter((record) => record.body === 'fail').map((record) => ({ itemIdentifier: record.messageId })),
        });
      },
    });

    await until(() => batches.flat().length === 3);
    await until(async () => (await messageCounts(queueUrl)).inFlight === 1);
    expect(batches.every((batch) => batch.length <= 3)).toBe(true);
    // The failed one stays hidden for the queue's visibility timeout (no override here).
    expect(await messageCounts(queueUrl)).toEqual({ visible: 0, inFlight: 1 });
  });

  it('fails the whole batch when the handler throws or names a record that is not in it', async () => {
    const { queueUrl } = await createQueue();
    const errors: string[] = [];
    let calls = 0;
    const source = await startSource({
      sqs,
      queueUrl,
      batchSize: 1,
      onError: (_error, stage) => errors.push(stage),
      handler: () => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('boom'));
        return Promise.resolve({ batchItemFailures: [{ itemIdentifier: 'not-in-the-batch' }] });
      },
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'one' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'two' }));

    await until(() => source.stats().recordsFailed === 2);
    expect(source.stats()).toMatchObject({ invocations: 2, handlerErrors: 1, recordsSucceeded: 0 });
    expect(errors).toEqual(['invoke']);
    expect(await messageCounts(queueUrl)).toEqual({ visible: 0, inFlight: 2 });
  });

  it('treats a handler that outlives the function timeout as failed', async () => {
    const { queueUrl } = await createQueue();
    const release = Promise.withResolvers<void>();
    const source = await startSource({
      sqs,
      queueUrl,
      batchSize: 1,
      functionTimeoutMs: 200,
      handler: async () => {
        await release.promise;
        return { batchItemFailures: [] };
      },
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'slow' }));

    await until(() => source.stats().timeouts === 1);
    release.resolve();
    expect(source.stats()).toMatchObject({ recordsFailed: 1, recordsSucceeded: 0 });
    expect((await messageCounts(queueUrl)).inFlight).toBe(1);
  });

  it('stop() waits for the invocation in flight and its delete, then polls no more', async () => {
    const { queueUrl } = await createQueue();
    const started = Promise.withResolvers<void>();
    let finished = false;
    const source = await startSource({
      sqs,
      queueUrl,
      batchSize: 1,
      handler: async () => {
        started.resolve();
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished = true;
      },
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'in flight' }));
    await started.promise;

    await source.stop();
    expect(finished).toBe(true);
    expect(source.stats().recordsSucceeded).toBe(1);
    expect(await messageCounts(queueUrl)).toEqual({ visible: 0, inFlight: 0 });

    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'after stop' }));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(source.stats().invocations).toBe(1);
    expect((await messageCounts(queueUrl)).visible).toBe(1);
  });

  it('runs `concurrency` invocations at once', async () => {
    const { queueUrl } = await createQueue();
    let running = 0;
    let peak = 0;
    const source = await startSource({
      sqs,
      queueUrl,
      batchSize: 1,
      concurrency: 3,
      handler: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 400));
        running -= 1;
      },
    });
    for (let index = 0; index < 6; index += 1) await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: `m${String(index)}` }));

    await until(() => source.stats().recordsSucceeded === 6);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('tops a partial batch up within the batching window', async () => {
    const { queueUrl } = await createQueue();
    const batches: string[][] = [];
    const source = await startSource({
      sqs,
      queueUrl,
      batchSize: 3,
      maximumBatchingWindowMs: 5_000,
      handler: (event) => {
        batches.push(event.Records.map((record) => record.body));
        return Promise.resolve();
      },
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'first' }));
    await until(async () => (await messageCounts(queueUrl)).inFlight === 1);
    // The first is received and held for the window; these join its batch, which is then full.
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'second' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'third' }));

    await until(() => source.stats().recordsSucceeded === 3);
    expect(batches).toEqual([['first', 'second', 'third']]);
  });

  it('refuses impossible settings', () => {
    const base = { sqs, queueUrl: 'http://x/1/q', handler: () => Promise.resolve() };
    expect(() => createSqsEventSource({ ...base, batchSize: 11 })).toThrow(RangeError);
    expect(() => createSqsEventSource({ ...base, concurrency: 0 })).toThrow(RangeError);
    expect(() => createSqsEventSource({ ...base, waitTimeSeconds: 21 })).toThrow(RangeError);
  });
});
