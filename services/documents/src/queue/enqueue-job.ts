/**
 * Hands a job to the processor: one SQS message whose body is `{"jobId": …}` and nothing else
 * (no user id, no file name: queue messages are not a place for PHI).
 * @module
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** The processing queue's message body. */
export interface ProcessingMessage {
  jobId: string;
}

/**
 * Sends the message; throws whatever SQS throws.
 *
 * @example
 * ```ts
 * await enqueueJob(sqs, config.queueUrl, job.id);
 * ```
 */
export async function enqueueJob(sqs: SQSClient, queueUrl: string, jobId: string): Promise<void> {
  const message: ProcessingMessage = { jobId };
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
}
