/**
 * Sending a job to the processing queue: what the stale-job sweeper does to have a stuck job
 * picked up again. The message is the job id only (see processing-message.ts).
 *
 * @example
 * ```ts
 * const queue = createSqsProcessingQueue(sqsClient(), documentsConfig().queueUrl);
 * await queue.send(jobId);
 * ```
 * @module
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { processingMessageBody } from './processing-message.ts';

/**
 * The processing queue.
 *
 * @example
 * ```ts
 * await queue.send('3f1c…');
 * ```
 */
export interface ProcessingQueue {
  send(jobId: string): Promise<void>;
}

/**
 * A {@link ProcessingQueue} on the SQS queue at `queueUrl`.
 *
 * @example
 * ```ts
 * const queue = createSqsProcessingQueue(new SQSClient({}), process.env.PROCESSING_QUEUE_URL!);
 * ```
 */
export function createSqsProcessingQueue(sqs: Pick<SQSClient, 'send'>, queueUrl: string): ProcessingQueue {
  return {
    async send(jobId) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: processingMessageBody(jobId) }));
    },
  };
}
