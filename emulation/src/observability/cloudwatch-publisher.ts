/**
 * Sends metric data to moto's CloudWatch with PutMetricData, batched: data waits in memory and
 * goes out every `flushIntervalMs` (default 1 s) and on `stop()`, one call per namespace and at
 * most 500 data per call. A failed call is reported through `onError` and its data dropped, as
 * a metric agent would, so a moto hiccup never blocks a function.
 * @module
 */
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum as CloudWatchMetricDatum, type StandardUnit } from '@aws-sdk/client-cloudwatch';
import type { AwsTarget } from '../provisioning/aws-target.ts';
import type { MetricDatum } from './metric-datum.ts';

export interface CloudWatchPublisherOptions {
  readonly aws: AwsTarget;
  readonly flushIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

const MAX_DATA_PER_CALL = 500;
/** PutMetricData takes at most 150 distinct values per datum. */
const MAX_VALUES_PER_DATUM = 150;

export class CloudWatchMetricPublisher {
  readonly #client: CloudWatchClient;
  readonly #pending: MetricDatum[] = [];
  readonly #timer: NodeJS.Timeout;
  readonly #onError: (error: unknown) => void;
  #flushing: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(options: CloudWatchPublisherOptions) {
    this.#client = new CloudWatchClient({ endpoint: options.aws.endpoint, region: options.aws.region, credentials: { ...options.aws.credentials } });
    this.#onError = options.onError ?? ((error) => console.error('metrics: PutMetricData to moto failed:', error));
    this.#timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1000);
    this.#timer.unref();
  }

  enqueue(data: readonly MetricDatum[]): void {
    if (!this.#stopped) this.#pending.push(...data);
  }

  /** Sends everything queued so far; resolves when moto has answered. */
  flush(): Promise<void> {
    const batch = this.#pending.splice(0);
    this.#flushing = this.#flushing.then(() => this.#send(batch));
    return this.#flushing;
  }

  /** Stops the timer and sends what is left. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
    this.#stopped = true;
    this.#client.destroy();
  }

  async #send(batch: MetricDatum[]): Promise<void> {
    const byNamespace = Map.groupBy(batch, (datum) => datum.namespace);
    for (const [namespace, data] of byNamespace) {
      const converted = data.flatMap(toCloudWatchData);
      for (let start = 0; start < converted.length; start += MAX_DATA_PER_CALL) {
        try {
          await this.#client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: converted.slice(start, start + MAX_DATA_PER_CALL) }));
        } catch (error) {
          this.#onError(error);
        }
      }
    }
  }
}

function toCloudWatchData(datum: MetricDatum): CloudWatchMetricDatum[] {
  const base = {
    MetricName: datum.metricName,
    Dimensions: Object.entries(datum.dimensions).map(([Name, Value]) => ({ Name, Value })),
    Unit: (datum.unit ?? 'None') as StandardUnit,
    Timestamp: new Date(datum.timestamp),
    StorageResolution: datum.storageResolution,
  };
  if (datum.values.length === 1 && datum.counts === undefined) return [{ ...base, Value: datum.values[0] }];
  const chunks: CloudWatchMetricDatum[] = [];
  for (let start = 0; start < datum.values.length; start += MAX_VALUES_PER_DATUM) {
    chunks.push({
      ...base,
      Values: datum.values.slice(start, start + MAX_VALUES_PER_DATUM),
      Counts: datum.counts?.slice(start, start + MAX_VALUES_PER_DATUM) ?? datum.values.slice(start, start + MAX_VALUES_PER_DATUM).map(() => 1),
    });
  }
  return chunks;
}
