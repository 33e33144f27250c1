/**
 * The document processing queue and its dead-letter queue: KMS with the documents key, TLS-only
 * queue policies, a visibility timeout of six times the processor's timeout (AWS's advice for
 * SQS event sources: a message is not redelivered while a retrying invocation still runs), and
 * three receives before a message goes to the DLQ, which the processor reads as
 * PROCESSING_MAX_RECEIVES.
 *
 * @example
 * ```ts
 * const queue = new ProcessingQueue(this, 'ProcessingQueue', { stage, key: keys.documents, processorTimeout: Duration.seconds(180) });
 * ```
 * @module
 */
import { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Deliveries before a message is dead-lettered; also the processor's PROCESSING_MAX_RECEIVES. */
export const MAX_RECEIVE_COUNT = 3;
/** Visibility timeout as a multiple of the consumer's timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface ProcessingQueueProps {
  readonly stage: string;
  readonly key: IKey;
  readonly processorTimeout: Duration;
}

export class ProcessingQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ProcessingQueueProps) {
    super(scope, id);
    const encrypted = { encryption: QueueEncryption.KMS, encryptionMasterKey: props.key, dataKeyReuse: Duration.minutes(5), enforceSSL: true } as const;
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      queueName: `serenya-${props.stage}-processing-dlq`,
      retentionPeriod: Duration.days(14),
      ...encrypted,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: `serenya-${props.stage}-processing`,
      visibilityTimeout: Duration.seconds(props.processorTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
      ...encrypted,
    });
  }
}
