/**
 * What the evaluator needs to know about one `AWS::CloudWatch::Alarm` of the template, read from
 * its resolved properties: the rule (threshold, comparison, M of N, missing data), where its
 * data comes from (one metric and statistic, or supported metric math), and its actions.
 * Alarms the evaluator cannot judge carry `unsupported` with the reason; they stay
 * INSUFFICIENT_DATA and are listed as such.
 * @module
 */
import type { CfnTemplate, ProvisionedResources } from '../template/template-types.ts';
import { MOTO_DEFAULT_ACCOUNT_ID } from '../provisioning/aws-target.ts';
import { scalarString } from '../provisioning/resource-handler.ts';
import { resolvedProperties, type StackIdentity } from '../provisioning/template-context.ts';
import { SUPPORTED_COMPARISONS, type ComparisonOperator, type EvaluationRule, type TreatMissingData } from './alarm-evaluation.ts';
import { expressionIds, parseMathExpression, UnsupportedExpressionError, type MathExpression } from './metric-math.ts';
import type { MetricQuery } from './metric-store.ts';
import { unsupportedStatistic } from './statistics.ts';

export interface MetricStatSource {
  readonly query: MetricQuery;
  readonly statistic: string;
  readonly periodSeconds: number;
}

export type AlarmSource =
  | { readonly kind: 'metric'; readonly metric: MetricStatSource }
  | { readonly kind: 'math'; readonly metrics: ReadonlyMap<string, MetricStatSource>; readonly expression: MathExpression; readonly expressionText: string };

export interface AlarmDefinition {
  readonly logicalId: string;
  readonly alarmName: string;
  readonly alarmArn: string;
  readonly description?: string;
  readonly region: string;
  readonly accountId: string;
  readonly actionsEnabled: boolean;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
  /** The alarm's period (the metric's, or the math expression's metrics'). */
  readonly periodSeconds: number;
  readonly rule: EvaluationRule;
  readonly source?: AlarmSource;
  /** Why the evaluator cannot judge this alarm; undefined when it can. */
  readonly unsupported?: string;
  /** The template's properties, for the notification's `Trigger`. */
  readonly properties: Readonly<Record<string, unknown>>;
}

type Properties = Readonly<Record<string, unknown>>;

/**
 * The AWS namespaces the emulator produces data for (the runtime's events, the SQS poller).
 * An alarm on any other `AWS/*` namespace (AWS/RDS, AWS/Logs…) would judge data that never
 * comes locally (and `breaching` would raise a false ALARM): it is listed as unsupported instead.
 * Custom namespaces (Serenya/*) come from the functions' EMF lines.
 */
export const LOCALLY_PRODUCED_AWS_NAMESPACES: ReadonlySet<string> = new Set(['AWS/Lambda', 'AWS/ApiGateway', 'AWS/SQS']);

function dimensionsRecord(value: unknown): Record<string, string> {
  const list = (value as Array<{ Name: string; Value: string }> | undefined) ?? [];
  return Object.fromEntries(list.map((dimension) => [dimension.Name, dimension.Value]));
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => String(item)) : [];
}

/** Reads one alarm's resolved properties. `alarmName` is the provisioned (physical) name. */
export function alarmDefinition(logicalId: string, alarmName: string, properties: Properties, stack: Pick<StackIdentity, 'region' | 'accountId'>): AlarmDefinition {
  const problems: string[] = [];
  const evaluationPeriods = Number(properties.EvaluationPeriods ?? 1);
  const comparison = String(properties.ComparisonOperator);
  if (!SUPPORTED_COMPARISONS.has(comparison)) problems.push(`comparison ${comparison} (anomaly detection) is not supported locally`);
  const treatMissingData = (properties.TreatMissingData ?? 'missing') as TreatMissingData;
  let source: AlarmSource | undefined;
  let periodSeconds = Number(properties.Period ?? 60);
  if (Array.isArray(properties.Metrics)) {
    const queries = properties.Metrics as Array<Record<string, unknown>>;
    const metrics = new Map<string, MetricStatSource>();
    for (const query of queries) {
      const stat = query.MetricStat as { Metric: { Namespace: string; MetricName: string; Dimensions?: unknown }; Period: number; Stat: string; Unit?: string } | undefined;
      if (stat === undefined) continue;
      const unsupported = unsupportedStatistic(stat.Stat);
      if (unsupported !== undefined) problems.push(unsupported);
      metrics.set(String(query.Id), {
        query: { namespace: stat.Metric.Namespace, metricName: stat.Metric.MetricName, dimensions: dimensionsRecord(stat.Metric.Dimensions), unit: stat.Unit },
        statistic: stat.Stat,
        periodSeconds: Number(stat.Period),
      });
    }
    const returned = queries.filter((query) => query.ReturnData !== false);
    const target = returned.length === 1 ? returned[0] : queries.find((query) => query.ReturnData === true);
    if (target === undefined) problems.push('metric math: exactly one query must return data');
    else if (typeof target.Expression === 'string') {
      try {
        const expression = parseMathExpression(target.Expression);
        const unknown = expressionIds(expression).filter((id) => !metrics.has(id));
        if (unknown.length > 0) problems.push(`metric math "${target.Expression}": ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a metric of this alarm (nested expressions are not supported locally)`);
        source = { kind: 'math', metrics, expression, expressionText: target.Expression };
      } catch (error) {
        if (!(error instanceof UnsupportedExpressionError)) throw error;
        problems.push(error.message);
      }
    } else if (metrics.has(String(target.Id))) {
      source = { kind: 'metric', metric: metrics.get(String(target.Id))! };
    }
    periodSeconds = Number(target?.Period ?? [...metrics.values()][0]?.periodSeconds ?? 60);
  } else {
    const statistic = scalarString(properties.ExtendedStatistic ?? properties.Statistic ?? 'Average');
    const unsupported = unsupportedStatistic(statistic);
    if (unsupported !== undefined) problems.push(unsupported);
    source = {
      kind: 'metric',
      metric: {
        query: {
          namespace: String(properties.Namespace),
          metricName: String(properties.MetricName),
          dimensions: dimensionsRecord(properties.Dimensions),
          unit: properties.Unit === undefined ? undefined : scalarString(properties.Unit),
        },
        statistic,
        periodSeconds,
      },
    };
  }
  const namespaces = source?.kind === 'metric' ? [source.metric.query.namespace] : source?.kind === 'math' ? [...source.metrics.values()].map((metric) => metric.query.namespace) : [];
  for (const namespace of new Set(namespaces)) {
    if (namespace.startsWith('AWS/') && !LOCALLY_PRODUCED_AWS_NAMESPACES.has(namespace)) problems.push(`nothing produces ${namespace} metrics locally`);
  }
  return {
    logicalId,
    alarmName,
    alarmArn: `arn:aws:cloudwatch:${stack.region}:${stack.accountId}:alarm:${alarmName}`,
    description: properties.AlarmDescription === undefined ? undefined : scalarString(properties.AlarmDescription),
    region: stack.region,
    accountId: stack.accountId,
    actionsEnabled: properties.ActionsEnabled !== false && properties.ActionsEnabled !== 'false',
    alarmActions: strings(properties.AlarmActions),
    okActions: strings(properties.OKActions),
    insufficientDataActions: strings(properties.InsufficientDataActions),
    periodSeconds,
    rule: {
      threshold: Number(properties.Threshold),
      comparisonOperator: comparison as ComparisonOperator,
      evaluationPeriods,
      datapointsToAlarm: Number(properties.DatapointsToAlarm ?? evaluationPeriods),
      // CloudWatch ignores missing data for AWS/DynamoDB metrics whatever the alarm says.
      treatMissingData: namespaces.includes('AWS/DynamoDB') ? 'ignore' : treatMissingData,
    },
    source,
    unsupported: problems.length === 0 ? undefined : problems.join('; '),
    properties,
  };
}

/** Every `AWS::CloudWatch::Alarm` of the template, with names and references as provisioned. */
export function alarmDefinitionsFromTemplate(
  template: CfnTemplate,
  provisioned: ProvisionedResources,
  stack: { readonly stackName: string; readonly region: string; readonly accountId?: string; readonly parameters?: Readonly<Record<string, unknown>> },
): AlarmDefinition[] {
  const identity: StackIdentity = { ...stack, accountId: stack.accountId ?? MOTO_DEFAULT_ACCOUNT_ID };
  const properties = resolvedProperties(template, identity, provisioned, new Set(['AWS::CloudWatch::Alarm']));
  return [...properties].map(([logicalId, alarmProperties]) => {
    const name = provisioned.get(logicalId)?.ref ?? scalarString(alarmProperties.AlarmName ?? logicalId);
    return alarmDefinition(logicalId, name, alarmProperties, identity);
  });
}
