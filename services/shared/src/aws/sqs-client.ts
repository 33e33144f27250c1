/**
 * The SQS client (processing queue). Region from config; endpoint from the environment (see
 * `clients.ts`).
 *
 * @example
 * ```ts
 * await sqsClient().send(new SendMessageCommand({ QueueUrl, MessageBody }));
 * ```
 * @module
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { awsConfig } from '../config/aws-config.ts';
import { once } from '../config/load-config.ts';

/**
 * A new SQS client (3 attempts).
 *
 * @example
 * ```ts
 * const sqs = createSqsClient();
 * ```
 */
export function createSqsClient(): SQSClient {
  return new SQSClient({ region: awsConfig().region, maxAttempts: 3 });
}

/**
 * The process's SQS client. Pure: a bundle that never calls it drops it.
 *
 * @example
 * ```ts
 * const queue = createSqsProcessingQueue(sqsClient(), queueUrl);
 * ```
 */
export const sqsClient = /* @__PURE__ */ once(createSqsClient);
