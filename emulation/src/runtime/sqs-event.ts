/**
 * The event an SQS event source mapping invokes a function with, and the partial-batch answer
 * (`ReportBatchItemFailures`) the function may return, as AWS defines them (the shapes of
 * `aws-lambda`'s `SQSEvent` and `SQSBatchResponse`, which this project does not depend on).
 * @module
 */
import type { LambdaContext } from './lambda-context.ts';

/**
 * One message as Lambda delivers it.
 *
 * @example
 * ```ts
 * const receiveCount = Number(record.attributes.ApproximateReceiveCount);
 * ```
 */
export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: {
    ApproximateReceiveCount: string;
    SentTimestamp: string;
    SenderId: string;
    ApproximateFirstReceiveTimestamp: string;
    [name: string]: string | undefined;
  };
  messageAttributes: Record<string, SqsMessageAttribute>;
  md5OfBody: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

/** A message attribute in Lambda's spelling (lower camel case, unlike the SQS API). */
export interface SqsMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

/**
 * The event of one invocation: up to the mapping's batch size of records.
 *
 * @example
 * ```ts
 * for (const record of event.Records) handle(record.body);
 * ```
 */
export interface SqsEvent {
  Records: SqsRecord[];
}

/**
 * The partial-batch answer: the ids of the messages that failed; the others are deleted.
 *
 * @example
 * ```ts
 * return { batchItemFailures: [{ itemIdentifier: record.messageId }] };
 * ```
 */
export interface SqsBatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

/**
 * A function an SQS event source can invoke. Returning nothing means every record succeeded;
 * throwing (or timing out) means every record failed.
 *
 * @example
 * ```ts
 * const handler: SqsHandler = async (event) => ({ batchItemFailures: [] });
 * ```
 */
export type SqsHandler = (event: SqsEvent, context: LambdaContext) => Promise<SqsBatchResponse | void>;
