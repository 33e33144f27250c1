/**
 * The emulator's metric pipeline in one object: the CLI wires the runtime's events to
 * `recordInvocation`, `recordApiRequest` and `ingestLogLine`; every datum goes to moto
 * (batched PutMetricData) and to the in-process store the alarm evaluator reads.
 * @module
 */
import type { AwsTarget } from '../provisioning/aws-target.ts';
import { apiRequestMetrics, lambdaInvocationMetrics, type ApiRequestEvent, type InvocationEvent } from './aws-service-metrics.ts';
import { CloudWatchMetricPublisher } from './cloudwatch-publisher.ts';
import { parseEmfLine } from './emf-parser.ts';
import type { MetricDatum } from './metric-datum.ts';
import { MetricStore } from './metric-store.ts';

export interface LocalMetricsOptions {
  /** moto. Without it, metrics only reach the in-process store (unit tests). */
  readonly aws?: AwsTarget;
  /** How often queued data goes to moto. Default 1000 ms. */
  readonly flushIntervalMs?: number;
  /** Problems worth a line: invalid EMF, a failed PutMetricData. Default: console.warn. */
  readonly log?: (line: string) => void;
}

export class LocalMetrics {
  readonly store = new MetricStore();
  readonly #publisher: CloudWatchMetricPublisher | undefined;
  readonly #log: (line: string) => void;

  constructor(options: LocalMetricsOptions = {}) {
    this.#log = options.log ?? ((line) => console.warn(line));
    this.#publisher =
      options.aws === undefined
        ? undefined
        : new CloudWatchMetricPublisher({
            aws: options.aws,
            flushIntervalMs: options.flushIntervalMs,
            onError: (error) => this.#log(`metrics: PutMetricData to moto failed: ${error instanceof Error ? error.message : String(error)}`),
          });
  }

  /** One Lambda invocation (or throttle) as AWS/Lambda metrics. */
  recordInvocation(event: InvocationEvent): void {
    this.record(lambdaInvocationMetrics(event));
  }

  /** One HTTP API request as API Gateway's HTTP API metrics (namespace AWS/ApiGateway). */
  recordApiRequest(event: ApiRequestEvent): void {
    this.record(apiRequestMetrics(event));
  }

  /**
   * One line a function wrote to stdout, as text or already parsed. EMF lines become metrics;
   * any other line is ignored. Returns how many metric data the line gave.
   */
  ingestLogLine(functionName: string, line: string | Readonly<Record<string, unknown>>): number {
    const parsed = parseEmfLine(line);
    if (parsed === undefined) return 0;
    for (const problem of parsed.problems) this.#log(`metrics: ${functionName}: EMF line: ${problem}`);
    this.record(parsed.metrics);
    return parsed.metrics.length;
  }

  /** Records data directly (tests, or other emitters). */
  record(data: readonly MetricDatum[]): void {
    for (const datum of data) this.store.record(datum);
    this.#publisher?.enqueue(data);
  }

  /** Sends queued data to moto now. */
  async flush(): Promise<void> {
    await this.#publisher?.flush();
  }

  /** Flushes and stops the timer. */
  async stop(): Promise<void> {
    await this.#publisher?.stop();
  }
}
