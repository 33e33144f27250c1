/**
 * The parts of Lambda's SQS event, partial-batch response and context that the processor reads.
 * Declared here (structurally identical to `aws-lambda`'s `SQSEvent`, `SQSBatchResponse` and
 * `Context`) because the project takes no dependency on `@types/aws-lambda`; a real event, or
 * the local SQS event source's, fits these types as it is.
 *
 * @example
 * ```ts
 * const handler = async (event: SqsEvent, context: LambdaContext): Promise<SqsBatchResponse> => ({ batchItemFailures: [] });
 * ```
 * @module
 */

/**
 * One delivered message.
 *
 * @example
 * ```ts
 * const receiveCount = Number(record.attributes.ApproximateReceiveCount);
 * ```
 */
export interface SqsRecord {
  messageId: string;
  body: string;
  attributes: { ApproximateReceiveCount: string; [name: string]: string | undefined };
  eventSourceARN?: string;
}

/** The event of one invocation. */
export interface SqsEvent {
  Records: SqsRecord[];
}

/**
 * `ReportBatchItemFailures`: the listed messages are redelivered, the others deleted.
 *
 * @example
 * ```ts
 * return { batchItemFailures: [{ itemIdentifier: record.messageId }] };
 * ```
 */
export interface SqsBatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

/** What the processor reads of the Lambda context; both members are optional so a plain call works. */
export interface LambdaContext {
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}
