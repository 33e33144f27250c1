/**
 * Everything metrics and alarms need for `npm run local`, started in one call: the metric
 * pipeline (to moto and the in-process store), the SQS depth poller, the alarm evaluator over
 * the template's alarms, and the `GET /_local/alarms` routes.
 * @module
 */
import type { Hono } from 'hono';
import type { AwsTarget } from '../provisioning/aws-target.ts';
import type { CfnTemplate, ProvisionedResources } from '../template/template-types.ts';
import { alarmDefinitionsFromTemplate } from './alarm-definition.ts';
import { AlarmEvaluator } from './alarm-evaluator.ts';
import { alarmRoutes } from './alarm-routes.ts';
import { LocalMetrics } from './local-metrics.ts';
import { provisionedQueues, SqsQueueMetricsPoller } from './sqs-queue-metrics.ts';

export interface StartObservabilityOptions {
  readonly template: CfnTemplate;
  /** What `provisionTemplate` returned. */
  readonly provisioned: ProvisionedResources;
  readonly aws: AwsTarget;
  /** The stack name given to `provisionTemplate`. */
  readonly stackName: string;
  /** Multiplies alarm periods and the SQS poll interval (tests: 0.01). Default 1. */
  readonly periodScale?: number;
  /** Alarm state changes, one line each. Default: stdout. */
  readonly print?: (line: string) => void;
  /** Problems (invalid EMF, moto errors). Default: console.warn. */
  readonly log?: (line: string) => void;
}

export interface Observability {
  readonly metrics: LocalMetrics;
  readonly evaluator: AlarmEvaluator;
  /** Serves `GET /_local/alarms`; mount with `app.route('/', observability.routes)`. */
  readonly routes: Hono;
  /** Stops the timers, sends the last metrics to moto. */
  stop(): Promise<void>;
}

/**
 * @example
 * ```ts
 * const resources = await provisionTemplate({ template, aws, stackName });
 * const observability = await startObservability({ template, provisioned: resources, aws, stackName });
 * const disconnect = connectRuntimeMetrics(runtime.events, observability.metrics);
 * // … on Ctrl-C:
 * disconnect();
 * await observability.stop();
 * ```
 */
export async function startObservability(options: StartObservabilityOptions): Promise<Observability> {
  const scale = options.periodScale ?? 1;
  const metrics = new LocalMetrics({ aws: options.aws, log: options.log });
  const alarms = alarmDefinitionsFromTemplate(options.template, options.provisioned, { stackName: options.stackName, region: options.aws.region, accountId: options.aws.accountId });
  const evaluator = new AlarmEvaluator({ alarms, store: metrics.store, aws: options.aws, periodScale: scale, print: options.print });
  const sqsMetrics = new SqsQueueMetricsPoller({
    aws: options.aws,
    queues: provisionedQueues(options.provisioned),
    record: (data) => metrics.record(data),
    // Twice per minute: every 60 s window then holds a sample even when a poll runs late (AWS
    // publishes once a minute but evaluates with a delay that absorbs late data).
    intervalMs: Math.max(20, 30_000 * scale),
    log: options.log,
  });
  await evaluator.start();
  sqsMetrics.start();
  return {
    metrics,
    evaluator,
    routes: alarmRoutes(evaluator),
    stop: async () => {
      sqsMetrics.stop();
      await evaluator.stop();
      await metrics.stop();
    },
  };
}
