/**
 * The processing queue's message: `{"jobId": "<uuid>"}` and nothing else. The job row holds
 * everything else (owner, object key, media type), so a message carries no PHI and a copy of it
 * (redelivery, duplicate, sweeper re-send) can do no more than the original.
 *
 * @example
 * ```ts
 * const message = parseProcessingMessage(record.body); // undefined when malformed
 * await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: processingMessageBody(jobId) }));
 * ```
 * @module
 */
import { z } from 'zod';

const schema = z.object({ jobId: z.uuid() });

/** A well-formed processing message. */
export type ProcessingMessage = z.output<typeof schema>;

/**
 * The message in `body`, or undefined when it is not JSON or has no valid `jobId`: such a message
 * can never succeed, so the caller drops it rather than letting it cycle to the dead-letter queue.
 * Unknown extra keys are ignored, so a later producer may add some.
 *
 * @example
 * ```ts
 * parseProcessingMessage('{"jobId":"3f1c…"}'); // { jobId: '3f1c…' }
 * parseProcessingMessage('hello');            // undefined
 * ```
 */
export function parseProcessingMessage(body: string): ProcessingMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The body of the message for `jobId`.
 *
 * @example
 * ```ts
 * processingMessageBody('3f1c…'); // '{"jobId":"3f1c…"}'
 * ```
 */
export function processingMessageBody(jobId: string): string {
  return JSON.stringify({ jobId });
}
