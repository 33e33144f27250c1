/**
 * Every alarm of ORIGINAL-DESIGN.md ("Alarms and Notifications"), as data, corrected to the
 * metrics the code and AWS really publish (platform/README.md "Alarm fixes"):
 *
 * - circuit breakers: `CircuitBreakerState` is emitted with {Service, Status} only, so the
 *   design's {Status: open} matches nothing: one alarm per breaker (google_oauth, bedrock, database);
 * - errors: `ErrorsByCategory` {Category: technical} is one of the two emitted sets;
 * - recovery: `RecoverySuccess` {Success: false} above a threshold (the design's "fewer than 10
 *   successes" fires whenever nothing needed recovering);
 * - HTTP API: `AWS/ApiGateway` `5xx` / `4xx` by `ApiId` (not REST's `5XXError`, not `AWS/ApiGatewayV2`);
 * - timeouts: `Duration` Maximum above 80 % of each function's real timeout (the design's 50 s
 *   alarms sat above 30 s functions); the document alarm is on the processor;
 * - RDS connections by `DBInstanceIdentifier`;
 * - LLM cost: `TotalCost` {Provider: bedrock} in US cents per hour;
 * - VPC flow logs: there is no `AWS/VPCFlowLogs DeliveryErrors`; the flow-log group's
 *   `AWS/Logs IncomingLogEvents` falling to zero is what a delivery failure looks like;
 * - added: document processing errors (retried, exhausted, model unavailable; 60 s, so they
 *   clear within a minute of recovery), and a message in the dead-letter queue.
 *
 * All single-metric alarms (the local evaluator evaluates those), each with an SNS action.
 *
 * @example
 * ```ts
 * const specs = alarmSpecs({ stage: 'development', apiId, functions, … });
 * ```
 * @module
 */
import type { AlarmTopicName } from './alarm-topics.ts';
import { LLM_PROVIDER } from '../../../../services/shared/src/bedrock/llm-call-context.ts';
import { MetricNamespace } from '../../../../services/shared/src/observability/metrics.ts';
import { RecoveryMetricName } from '../../../../services/shared/src/observability/recovery-metrics.ts';
import { PipelineMetricNames } from '../../../../services/processor/src/pipeline-metrics.ts';

export type Comparison = 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold';
export type MissingData = 'notBreaching' | 'breaching' | 'missing';

export interface AlarmSpec {
  /** Construct id, and the alarm name's suffix (`serenya-<stage>-<name>`). */
  readonly name: string;
  readonly topic: AlarmTopicName;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: 'Sum' | 'Average' | 'Maximum';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  readonly comparison: Comparison;
  readonly treatMissingData: MissingData;
}

/** The breakers the services run (services/shared/src/resilience, `service` of each). */
export const CIRCUIT_BREAKER_SERVICES = ['google_oauth', 'bedrock', 'database'] as const;
/**
 * Any occurrence within a minute: ALARM at the first, OK a minute after the last (and no data,
 * nothing happening, is not breaching).
 */
const ANY_IN_A_MINUTE = {
  statistic: 'Sum',
  periodSeconds: 60,
  evaluationPeriods: 1,
  threshold: 1,
  comparison: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'notBreaching',
} as const satisfies Partial<AlarmSpec>;
/** Alarm when a function's slowest invocation passes this share of its timeout. */
export const TIMEOUT_ALARM_FRACTION = 0.8;

export interface AlarmInputs {
  readonly stage: string;
  readonly apiId: string;
  /** Function name and timeout (seconds) of every function a timeout alarm watches. */
  readonly functionTimeouts: ReadonlyArray<{ readonly key: string; readonly functionName: string; readonly timeoutSeconds: number }>;
  readonly databaseInstanceIdentifier: string;
  readonly flowLogGroupName: string;
  readonly deadLetterQueueName: string;
  readonly llmCostCentsPerHour: number;
}

export function alarmSpecs(input: AlarmInputs): AlarmSpec[] {
  const errors = MetricNamespace.errors;
  const documents = MetricNamespace.documents;
  const specs: AlarmSpec[] = [];

  for (const service of CIRCUIT_BREAKER_SERVICES) {
    specs.push({
      name: `circuit-breaker-open-${service.replace('_', '-')}`,
      topic: 'critical',
      description: `Circuit breaker opened for ${service}`,
      namespace: errors,
      metricName: 'CircuitBreakerState',
      dimensions: { Service: service, Status: 'open' },
      ...ANY_IN_A_MINUTE,
    });
  }
  specs.push(
    {
      name: 'high-technical-errors',
      topic: 'critical',
      description: 'High rate of technical errors indicating infrastructure issues',
      namespace: errors,
      metricName: 'ErrorsByCategory',
      dimensions: { Category: 'technical' },
      statistic: 'Sum',
      periodSeconds: 300,
      evaluationPeriods: 2,
      threshold: 20,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
    {
      name: 'recovery-strategy-failures',
      topic: 'critical',
      description: 'Error recovery strategies failing (RecoverySuccess with Success=false)',
      namespace: errors,
      metricName: RecoveryMetricName,
      dimensions: { Success: 'false' },
      statistic: 'Sum',
      periodSeconds: 300,
      evaluationPeriods: 3,
      threshold: 10,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
    {
      name: 'api-5xx',
      topic: 'critical',
      description: 'High API server error rate (HTTP API 5xx)',
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensions: { ApiId: input.apiId },
      statistic: 'Sum',
      periodSeconds: 300,
      evaluationPeriods: 2,
      threshold: 10,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
    {
      name: 'database-connections',
      topic: 'warning',
      description: 'Database connection count high',
      namespace: 'AWS/RDS',
      metricName: 'DatabaseConnections',
      dimensions: { DBInstanceIdentifier: input.databaseInstanceIdentifier },
      statistic: 'Average',
      periodSeconds: 300,
      evaluationPeriods: 3,
      threshold: 80,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'missing',
    },
  );
  for (const fn of input.functionTimeouts) {
    const limitMs = fn.timeoutSeconds * 1000;
    specs.push({
      name: `${fn.key}-approaching-timeout`,
      topic: 'performance',
      description: `${fn.functionName} approaching its ${fn.timeoutSeconds} s timeout (slowest invocation above ${TIMEOUT_ALARM_FRACTION * 100} %)`,
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions: { FunctionName: fn.functionName },
      statistic: 'Maximum',
      periodSeconds: 300,
      evaluationPeriods: 2,
      threshold: Math.round(limitMs * TIMEOUT_ALARM_FRACTION),
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
  }
  specs.push(
    {
      name: 'llm-cost-threshold',
      topic: 'cost',
      description: `LLM cost above ${input.llmCostCentsPerHour} US cents in an hour`,
      namespace: MetricNamespace.llm,
      metricName: 'TotalCost',
      dimensions: { Provider: LLM_PROVIDER },
      statistic: 'Sum',
      periodSeconds: 3600,
      evaluationPeriods: 1,
      threshold: input.llmCostCentsPerHour,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
    {
      name: 'vpc-flow-logs-not-delivered',
      topic: 'security',
      description: 'No VPC flow-log events delivered for an hour (delivery failing)',
      namespace: 'AWS/Logs',
      metricName: 'IncomingLogEvents',
      dimensions: { LogGroupName: input.flowLogGroupName },
      statistic: 'Sum',
      periodSeconds: 3600,
      evaluationPeriods: 1,
      threshold: 1,
      comparison: 'LessThanThreshold',
      // No data points at all is exactly the failure this alarm is for.
      treatMissingData: 'breaching',
    },
    {
      name: 'unauthorized-api-access',
      topic: 'security',
      description: 'High rate of HTTP API 4xx (rejected tokens, forbidden, not found probing)',
      namespace: 'AWS/ApiGateway',
      metricName: '4xx',
      dimensions: { ApiId: input.apiId },
      statistic: 'Sum',
      periodSeconds: 300,
      evaluationPeriods: 2,
      threshold: 50,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
    {
      name: 'document-processing-retries',
      topic: 'critical',
      description: 'Document processing failing and being retried (Bedrock, S3 or database errors)',
      namespace: documents,
      metricName: PipelineMetricNames.documentsProcessed,
      dimensions: { Outcome: 'retried' },
      ...ANY_IN_A_MINUTE,
    },
    {
      name: 'document-processing-exhausted',
      topic: 'critical',
      description: 'A document failed on its last delivery (job failed, message to the DLQ)',
      namespace: documents,
      metricName: PipelineMetricNames.documentsProcessed,
      dimensions: { Outcome: 'exhausted' },
      ...ANY_IN_A_MINUTE,
    },
    {
      name: 'document-model-unavailable',
      topic: 'critical',
      description: 'The document model (Bedrock) unavailable during processing',
      namespace: documents,
      metricName: PipelineMetricNames.processingFailures,
      dimensions: { ErrorCode: 'LLM_UNAVAILABLE' },
      ...ANY_IN_A_MINUTE,
    },
    {
      name: 'processing-dead-letters',
      topic: 'critical',
      description: 'Messages in the processing dead-letter queue',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: input.deadLetterQueueName },
      statistic: 'Maximum',
      periodSeconds: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    },
  );
  return specs;
}
