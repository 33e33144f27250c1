/**
 * The `AWS/SQS` metrics AWS publishes every minute for each queue, read from moto's queue
 * attributes: ApproximateNumberOfMessagesVisible, ApproximateNumberOfMessagesNotVisible and
 * ApproximateNumberOfMessagesDelayed, dimension QueueName. Alarms on a dead-letter queue's depth
 * work locally this way.
 * @module
 */
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AwsTarget } from '../provisioning/aws-target.ts';
import type { ProvisionedResources } from '../template/template-types.ts';
import type { MetricDatum } from './metric-datum.ts';

export interface QueueToWatch {
  readonly queueName: string;
  readonly queueUrl: string;
}

/** The provisioned queues, for {@link SqsQueueMetricsPoller}. */
export function provisionedQueues(provisioned: ProvisionedResources): QueueToWatch[] {
  return [...provisioned.values()]
    .filter((resource) => resource.type === 'AWS::SQS::Queue' && resource.attributes.QueueName !== undefined)
    .map((resource) => ({ queueName: resource.attributes.QueueName!, queueUrl: resource.ref }));
}

const ATTRIBUTE_METRICS = {
  ApproximateNumberOfMessages: 'ApproximateNumberOfMessagesVisible',
  ApproximateNumberOfMessagesNotVisible: 'ApproximateNumberOfMessagesNotVisible',
  ApproximateNumberOfMessagesDelayed: 'ApproximateNumberOfMessagesDelayed',
} as const;

export interface SqsQueueMetricsPollerOptions {
  readonly aws: AwsTarget;
  readonly queues: readonly QueueToWatch[];
  /** Where the data go: `LocalMetrics.record`. */
  readonly record: (data: readonly MetricDatum[]) => void;
  /** Default 60 000 ms, as AWS; tests pass the alarm's period × periodScale. */
  readonly intervalMs?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

export class SqsQueueMetricsPoller {
  readonly #options: SqsQueueMetricsPollerOptions;
  readonly #client: SQSClient;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: SqsQueueMetricsPollerOptions) {
    this.#options = options;
    this.#client = new SQSClient({ endpoint: options.aws.endpoint, region: options.aws.region, credentials: { ...options.aws.credentials } });
  }

  start(): void {
    this.#timer = setInterval(() => void this.pollNow(), this.#options.intervalMs ?? 60_000);
    this.#timer.unref();
  }

  /** Reads every queue's depth once and records it. */
  async pollNow(): Promise<void> {
    const timestamp = (this.#options.now ?? Date.now)();
    const data = await Promise.all(
      this.#options.queues.map(async ({ queueName, queueUrl }): Promise<MetricDatum[]> => {
        try {
          const { Attributes = {} } = await this.#client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: Object.keys(ATTRIBUTE_METRICS) as Array<keyof typeof ATTRIBUTE_METRICS> }));
          return Object.entries(ATTRIBUTE_METRICS).map(([attribute, metricName]) => ({
            namespace: 'AWS/SQS',
            metricName,
            dimensions: { QueueName: queueName },
            unit: 'Count',
            values: [Number((Attributes as Record<string, string | undefined>)[attribute] ?? 0)],
            timestamp,
          }));
        } catch (error) {
          this.#options.log?.(`metrics: reading ${queueName}'s depth from moto failed: ${error instanceof Error ? error.message : String(error)}`);
          return [];
        }
      }),
    );
    this.#options.record(data.flat());
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#client.destroy();
  }
}
