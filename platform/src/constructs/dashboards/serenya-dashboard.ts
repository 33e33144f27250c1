/**
 * The original design's dashboard (ORIGINAL-DESIGN.md "CloudWatch Dashboards"), every widget,
 * with the metric names and dimensions corrected to what is really published:
 *
 * | widget | correction |
 * |---|---|
 * | Lambda function duration | every function, by its real name; y-axis to the processor's 180 s |
 * | API Gateway performance & errors | `AWS/ApiGateway` `Count`, `4xx`, `5xx`, `IntegrationLatency` by `ApiId` (HTTP API names) |
 * | Database performance | by the real `DBInstanceIdentifier` |
 * | LLM usage & cost | `ProcessingTime` by the document types the code uses (`lab_results`, `chat`; no `vitals`) |
 * | Document processing S3 metrics | storage metrics need `StorageType` and are daily; `AllRequests` needs the bucket's request-metrics filter `EntireBucket` |
 * | Error handling & recovery | breakers by {Service, Status: open} (`bedrock`, not `openai_api`); `RecoverySuccess` by {Strategy, Success} |
 * | Network security & concurrency | `AWS/VPC PacketDropCount` does not exist: the NAT gateway's `PacketsDropCount`; concurrency of documents, chat and chat-stream |
 * | Document pipeline (added) | `Serenya/Documents` outcomes and upload-to-result time |
 *
 * @example
 * ```ts
 * new SerenyaDashboard(this, 'Dashboard', { stage, region, apiId, functionNames, … });
 * ```
 * @module
 */
import { Duration } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, Metric, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { MetricNamespace } from '../../../../services/shared/src/observability/metrics.ts';
import { RecoveryMetricName } from '../../../../services/shared/src/observability/recovery-metrics.ts';
import { PipelineMetricNames, PipelineOutcomes } from '../../../../services/processor/src/pipeline-metrics.ts';
import { LLM_PROVIDER, LlmDocumentTypes } from '../../../../services/shared/src/bedrock/llm-call-context.ts';
import { ErrorCategories } from '../../../../services/shared/src/errors/index.ts';
import { CIRCUIT_BREAKER_SERVICES } from '../alarms/alarm-specs.ts';
import { REQUEST_METRICS_FILTER_ID } from '../storage/serenya-storage.ts';

export interface SerenyaDashboardProps {
  readonly stage: string;
  readonly apiId: string;
  readonly functionNames: Readonly<Record<string, string>>;
  readonly databaseInstanceIdentifier: string;
  readonly tempBucketName: string;
  readonly natGatewayId: string;
}

export class SerenyaDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: SerenyaDashboardProps) {
    super(scope, id);
    const five = Duration.minutes(5);
    const metric = (namespace: string, metricName: string, dimensionsMap: Record<string, string>, statistic: string, period = five): IMetric =>
      new Metric({ namespace, metricName, dimensionsMap, statistic, period });
    const fns = Object.entries(props.functionNames);

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `serenya-${props.stage}` });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Lambda Function Duration',
        left: fns.map(([, name]) => metric('AWS/Lambda', 'Duration', { FunctionName: name }, 'Average')),
        leftYAxis: { min: 0, max: 180_000 },
        width: 12,
      }),
      new GraphWidget({
        title: 'API Gateway Performance & Errors',
        left: ['Count', '4xx', '5xx'].map((name) => metric('AWS/ApiGateway', name, { ApiId: props.apiId }, 'Sum')),
        right: [metric('AWS/ApiGateway', 'IntegrationLatency', { ApiId: props.apiId }, 'Average')],
        width: 12,
      }),
      new GraphWidget({
        title: 'Database Performance',
        left: ['CPUUtilization', 'DatabaseConnections', 'ReadLatency', 'WriteLatency'].map((name) =>
          metric('AWS/RDS', name, { DBInstanceIdentifier: props.databaseInstanceIdentifier }, 'Average'),
        ),
        right: [metric('AWS/RDS', 'FreeableMemory', { DBInstanceIdentifier: props.databaseInstanceIdentifier }, 'Average')],
        width: 12,
      }),
      new GraphWidget({
        title: 'LLM Usage & Cost Tracking',
        left: ['InputTokens', 'OutputTokens', 'TotalCost'].map((name) => metric(MetricNamespace.llm, name, { Provider: LLM_PROVIDER }, 'Sum')),
        right: LlmDocumentTypes.map((type) => metric(MetricNamespace.llm, 'ProcessingTime', { DocumentType: type }, 'Average')),
        width: 12,
      }),
      new GraphWidget({
        title: 'Document Processing S3 Metrics',
        left: [
          metric('AWS/S3', 'NumberOfObjects', { BucketName: props.tempBucketName, StorageType: 'AllStorageTypes' }, 'Average', Duration.days(1)),
          metric('AWS/S3', 'AllRequests', { BucketName: props.tempBucketName, FilterId: REQUEST_METRICS_FILTER_ID }, 'Sum', Duration.hours(1)),
        ],
        right: [metric('AWS/S3', 'BucketSizeBytes', { BucketName: props.tempBucketName, StorageType: 'StandardStorage' }, 'Average', Duration.days(1))],
        width: 12,
      }),
      new GraphWidget({
        title: 'Error Handling & Recovery Metrics',
        left: [
          ...ErrorCategories.map((category) => metric(MetricNamespace.errors, 'ErrorsByCategory', { Category: category }, 'Sum')),
          ...CIRCUIT_BREAKER_SERVICES.map((service) => metric(MetricNamespace.errors, 'CircuitBreakerState', { Service: service, Status: 'open' }, 'Sum')),
        ],
        right: ['retry', 'fallback'].flatMap((strategy) =>
          ['true', 'false'].map((success) => metric(MetricNamespace.errors, RecoveryMetricName, { Strategy: strategy, Success: success }, 'Sum')),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'Network Security & Concurrency',
        left: [metric('AWS/NATGateway', 'PacketsDropCount', { NatGatewayId: props.natGatewayId }, 'Sum')],
        right: ['documents', 'chat', 'chat-stream'].flatMap((key) => {
          const name = props.functionNames[key];
          return name ? [metric('AWS/Lambda', 'ConcurrentExecutions', { FunctionName: name }, 'Maximum')] : [];
        }),
        width: 12,
      }),
      new GraphWidget({
        title: 'Document Pipeline',
        left: PipelineOutcomes.map((outcome) => metric(MetricNamespace.documents, PipelineMetricNames.documentsProcessed, { Outcome: outcome }, 'Sum')),
        right: [metric(MetricNamespace.documents, PipelineMetricNames.pipelineDuration, { DocumentType: 'lab_results' }, 'p90')],
        width: 12,
      }),
    );
  }
}
