/**
 * What Lambda's SQS event source mapping does, on this machine: long-polls a queue through the
 * real SQS API (moto locally), turns each received batch into the SQS event Lambda would send,
 * invokes a handler with a Lambda-like context, deletes the messages that succeeded and leaves
 * the failed ones to reappear after their visibility timeout, so the queue's own redrive policy
 * moves them to the dead-letter queue after `maxReceiveCount` receives, as in AWS.
 *
 * Semantics kept from AWS (ReportBatchItemFailures on):
 * - a handler that returns nothing, or an empty `batchItemFailures`, succeeded for every record;
 * - listed `itemIdentifier`s failed, the rest succeeded; an identifier that is empty or not in
 *   the batch fails the whole batch (AWS treats a malformed answer as a complete failure);
 * - a handler that throws or outlives `functionTimeoutMs` failed for every record (the runtime
 *   cannot kill an in-process handler: one past its timeout runs on, and its answer is ignored).
 *
 * Differences, on purpose: a fixed number of pollers (`concurrency`) instead of Lambda's scaling,
 * each with one invocation at a time; a short long-poll (`waitTimeSeconds`, default 1) so `stop()`
 * returns quickly; and, for tests, `failureVisibilityTimeoutSeconds` to make failed messages
 * visible again sooner than the queue's visibility timeout would.
 *
 * @example
 * ```ts
 * const source = createSqsEventSource({ sqs, queueUrl, handler, batchSize: 1, concurrency: 2, functionTimeoutMs: 180_000 });
 * await source.start();
 * // … send messages, wait for their effects …
 * await source.stop(); // no new polls; waits for invocations in flight and their deletes
 * ```
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { createLambdaContext } from './lambda-context.ts';
import type { SqsBatchResponse, SqsEvent, SqsHandler, SqsMessageAttribute, SqsRecord } from './sqs-event.ts';

/** SQS's limit per ReceiveMessage, and so Lambda's for a standard queue without a batching window. */
const MAX_BATCH_SIZE = 10;

export interface SqsEventSourceOptions {
  /** Any SQS client (its endpoint decides which SQS: moto, LocalStack or AWS). */
  sqs: Pick<SQSClient, 'send'>;
  queueUrl: string;
  handler: SqsHandler;
  /** Records per invocation, 1 to 10 (Lambda's default: 10). */
  batchSize?: number;
  /** Pollers, each running one invocation at a time (default 1). */
  concurrency?: number;
  /** The function's timeout: the context's countdown and the invocation's limit (default 30 s). */
  functionTimeoutMs?: number;
  functionName?: string;
  /** ReceiveMessage `WaitTimeSeconds`, 0 to 20 (default 1). */
  waitTimeSeconds?: number;
  /**
   * When set, failed messages get this visibility timeout (ChangeMessageVisibility) instead of
   * waiting out the queue's: 0 makes them visible at once. Tests use it to see redeliveries fast.
   */
  failureVisibilityTimeoutSeconds?: number;
  /**
   * Lambda's `MaximumBatchingWindowInSeconds`, in ms (default 0): after a receive that did not
   * fill the batch, keep receiving until the batch is full or this long has passed since the
   * first message, then invoke.
   */
  maximumBatchingWindowMs?: number;
  /** Pause of a poller after a failed ReceiveMessage (default 1 s). */
  pollErrorBackoffMs?: number;
  /** The records' `eventSourceARN`; default: the queue's `QueueArn`, read at start. */
  eventSourceArn?: string;
  /** The records' `awsRegion` (default: the region in the ARN, else eu-west-1). */
  region?: string;
  /** Told about SQS calls that failed and handlers that threw or timed out; default: ignored. */
  onError?: (error: unknown, during: SqsEventSourceStage) => void;
}

/** Where an error reported to `onError` happened. */
export type SqsEventSourceStage = 'receive' | 'invoke' | 'timeout' | 'delete' | 'change-visibility';

/** Counters since `start()`. */
export interface SqsEventSourceStats {
  invocations: number;
  recordsSucceeded: number;
  recordsFailed: number;
  /** Invocations that threw. */
  handlerErrors: number;
  /** Invocations that outlived the function timeout. */
  timeouts: number;
  receiveErrors: number;
  deleteErrors: number;
}

/**
 * A running (or stopped) event source mapping.
 *
 * @example
 * ```ts
 * await source.start();
 * source.stats().recordsSucceeded; // 0
 * await source.stop();
 * ```
 */
export interface SqsEventSource {
  /** Resolves once the queue's ARN is known and the pollers run. Starting twice is an error. */
  start(): Promise<void>;
  /** Stops polling and waits for the invocations in flight and their deletes. Idempotent. */
  stop(): Promise<void>;
  stats(): SqsEventSourceStats;
}

interface Settled {
  succeeded: Message[];
  failed: Message[];
}

/**
 * Creates an event source mapping for `queueUrl` → `handler`. Nothing runs before `start()`.
 *
 * @example
 * ```ts
 * const source = createSqsEventSource({ sqs: new SQSClient({ endpoint }), queueUrl, handler: processorHandler, batchSize: 1 });
 * ```
 */
export function createSqsEventSource(options: SqsEventSourceOptions): SqsEventSource {
  const batchSize = options.batchSize ?? MAX_BATCH_SIZE;
  const concurrency = options.concurrency ?? 1;
  const waitTimeSeconds = options.waitTimeSeconds ?? 1;
  const functionTimeoutMs = options.functionTimeoutMs ?? 30_000;
  const functionName = options.functionName ?? 'function';
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) throw new RangeError(`batchSize must be 1 to ${String(MAX_BATCH_SIZE)}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  if (!Number.isInteger(waitTimeSeconds) || waitTimeSeconds < 0 || waitTimeSeconds > 20) throw new RangeError('waitTimeSeconds must be 0 to 20');
  const { sqs, queueUrl, handler } = options;
  const report = options.onError ?? (() => undefined);

  const stats: SqsEventSourceStats = { invocations: 0, recordsSucceeded: 0, recordsFailed: 0, handlerErrors: 0, timeouts: 0, receiveErrors: 0, deleteErrors: 0 };
  // Aborts the pauses between failed polls, so stop() never waits on a back-off timer.
  const stopping = new AbortController();
  let starting: Promise<void> | undefined;
  let pollers: Promise<void>[] | undefined;
  let stopped: Promise<void> | undefined;
  let arn = options.eventSourceArn ?? '';
  let region = options.region ?? 'eu-west-1';

  function toRecord(message: Message): SqsRecord {
    const attributes = message.Attributes ?? {};
    return {
      messageId: message.MessageId ?? '',
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: {
        ...attributes,
        ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
        SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
        SenderId: attributes.SenderId ?? 'AIDAEMULATEDSENDER',
        ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, toLambdaAttribute(value)])),
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: arn,
      awsRegion: region,
    };
  }

  /** Runs the handler within the function timeout and sorts the batch by its answer. */
  async function invoke(messages: Message[]): Promise<Settled> {
    const event: SqsEvent = { Records: messages.map(toRecord) };
    const context = createLambdaContext({ functionName, timeoutMs: functionTimeoutMs, region });
    stats.invocations += 1;
    const timedOut = Symbol('timed out');
    const timer = new AbortController();
    let answer: SqsBatchResponse | void | typeof timedOut;
    try {
      const running = handler(event, context);
      // A handler past its timeout runs on; its late rejection must not crash the process.
      running.catch(() => undefined);
      answer = await Promise.race([running, sleep(functionTimeoutMs, timedOut, { signal: timer.signal })]);
    } catch (error) {
      stats.handlerErrors += 1;
      report(error, 'invoke');
      return { succeeded: [], failed: messages };
    } finally {
      timer.abort();
    }
    if (answer === timedOut) {
      stats.timeouts += 1;
      report(new Error(`${functionName} timed out after ${String(functionTimeoutMs)} ms`), 'timeout');
      return { succeeded: [], failed: messages };
    }
    const failures = answer?.batchItemFailures ?? [];
    const ids = new Set(messages.map((message) => message.MessageId));
    if (failures.some((failure) => typeof failure?.itemIdentifier !== 'string' || !ids.has(failure.itemIdentifier))) {
      // AWS: an unknown or empty identifier makes the whole batch a failure.
      return { succeeded: [], failed: messages };
    }
    const failed = new Set(failures.map((failure) => failure.itemIdentifier));
    return {
      succeeded: messages.filter((message) => !failed.has(message.MessageId ?? '')),
      failed: messages.filter((message) => failed.has(message.MessageId ?? '')),
    };
  }

  async function settle({ succeeded, failed }: Settled): Promise<void> {
    stats.recordsSucceeded += succeeded.length;
    stats.recordsFailed += failed.length;
    const entries = (messages: Message[]) => messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? '' }));
    const work: Promise<void>[] = [];
    if (succeeded.length > 0) {
      work.push(
        sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries(succeeded) })).then(
          (output) => {
            if ((output.Failed ?? []).length > 0) {
              stats.deleteErrors += output.Failed?.length ?? 0;
              report(new Error(`${String(output.Failed?.length)} messages not deleted: ${output.Failed?.map((f) => f.Code).join(', ') ?? ''}`), 'delete');
            }
          },
          (error: unknown) => {
            stats.deleteErrors += succeeded.length;
            report(error, 'delete');
          },
        ),
      );
    }
    const visibility = options.failureVisibilityTimeoutSeconds;
    if (failed.length > 0 && visibility !== undefined) {
      work.push(
        sqs
          .send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries(failed).map((entry) => ({ ...entry, VisibilityTimeout: visibility })) }))
          .then(
            () => undefined,
            (error: unknown) => report(error, 'change-visibility'),
          ),
      );
    }
    await Promise.all(work);
  }

  function receive(maxMessages: number, waitSeconds: number): Promise<Message[]> {
    return sqs
      .send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: maxMessages,
          WaitTimeSeconds: waitSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      )
      .then((output) => output.Messages ?? []);
  }

  /** Tops a partial batch up until it is full or the batching window has passed. */
  async function fillBatch(messages: Message[]): Promise<Message[]> {
    const windowMs = options.maximumBatchingWindowMs ?? 0;
    const deadline = performance.now() + windowMs;
    while (messages.length < batchSize && !stopping.signal.aborted) {
      const remainingMs = deadline - performance.now();
      if (remainingMs <= 0) break;
      // Short waits, so stop() is not held up by a long poll.
      let more: Message[];
      try {
        more = await receive(batchSize - messages.length, Math.min(1, Math.floor(remainingMs / 1000)));
      } catch (error) {
        // Invoke with what is in hand rather than drop it until its visibility timeout.
        stats.receiveErrors += 1;
        report(error, 'receive');
        break;
      }
      messages.push(...more);
      if (more.length === 0 && remainingMs < 1000) await sleep(Math.min(remainingMs, 100), undefined, { signal: stopping.signal }).catch(() => undefined);
    }
    return messages;
  }

  async function poller(): Promise<void> {
    while (!stopping.signal.aborted) {
      let messages: Message[];
      try {
        messages = await receive(batchSize, waitTimeSeconds);
        if (messages.length > 0) messages = await fillBatch(messages);
      } catch (error) {
        stats.receiveErrors += 1;
        report(error, 'receive');
        await sleep(options.pollErrorBackoffMs ?? 1_000, undefined, { signal: stopping.signal }).catch(() => undefined);
        continue;
      }
      // Messages received while stopping are still handled: dropped, they would stay hidden
      // for the queue's whole visibility timeout.
      if (messages.length > 0) await settle(await invoke(messages));
    }
  }

  return {
    async start() {
      if (starting !== undefined) throw new Error('the event source was already started');
      starting = (async () => {
        if (arn === '') {
          const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
          arn = Attributes?.QueueArn ?? '';
        }
        if (options.region === undefined) region = arn.split(':')[3] || region;
        pollers = Array.from({ length: concurrency }, () => poller());
      })();
      await starting;
    },
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        // A start still reading the queue ARN starts its pollers, which see the abort and end.
        await starting?.catch(() => undefined);
        await Promise.all(pollers ?? []);
      })();
      return stopped;
    },
    stats: () => ({ ...stats }),
  };
}

function toLambdaAttribute(value: MessageAttributeValue): SqsMessageAttribute {
  const attribute: SqsMessageAttribute = { stringListValues: value.StringListValues ?? [], binaryListValues: [], dataType: value.DataType ?? 'String' };
  if (value.StringValue !== undefined) attribute.stringValue = value.StringValue;
  if (value.BinaryValue !== undefined) attribute.binaryValue = Buffer.from(value.BinaryValue).toString('base64');
  return attribute;
}
