/**
 * The message CloudWatch publishes to an alarm's SNS topics on a state change: the JSON body
 * (AlarmName, NewStateValue, NewStateReason, StateChangeTime, Trigger…) and the subject
 * `ALARM: "<name>" in EU (Ireland)`, in the shapes AWS uses.
 * @module
 */
import type { AlarmState } from './alarm-evaluation.ts';
import type { AlarmDefinition } from './alarm-definition.ts';

const REGION_NAMES: Readonly<Record<string, string>> = {
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-central-1': 'EU (Frankfurt)',
  'us-east-1': 'US East (N. Virginia)',
  'us-west-2': 'US West (Oregon)',
};

export interface AlarmNotification {
  readonly subject: string;
  readonly message: Record<string, unknown>;
}

const STATISTIC_NAMES: Readonly<Record<string, string>> = {
  SampleCount: 'SAMPLE_COUNT',
  Sum: 'SUM',
  Average: 'AVERAGE',
  Minimum: 'MINIMUM',
  Maximum: 'MAXIMUM',
};

/** CloudWatch's `2026-11-25T16:30:00.000+0000`. */
function cloudWatchTime(time: Date): string {
  return time.toISOString().replace('Z', '+0000');
}

export function alarmNotification(alarm: AlarmDefinition, oldState: AlarmState, newState: AlarmState, reason: string, time: Date): AlarmNotification {
  const region = REGION_NAMES[alarm.region] ?? alarm.region;
  const properties = alarm.properties;
  const dimensions = ((properties.Dimensions as Array<{ Name: string; Value: string }> | undefined) ?? []).map((d) => ({ value: d.Value, name: d.Name }));
  const extended = properties.ExtendedStatistic !== undefined;
  const trigger: Record<string, unknown> = Array.isArray(properties.Metrics)
    ? { Metrics: properties.Metrics }
    : {
        MetricName: properties.MetricName,
        Namespace: properties.Namespace,
        StatisticType: extended ? 'ExtendedStatistic' : 'Statistic',
        ...(extended ? { ExtendedStatistic: properties.ExtendedStatistic } : { Statistic: STATISTIC_NAMES[String(properties.Statistic)] ?? properties.Statistic }),
        Unit: properties.Unit ?? null,
        Dimensions: dimensions,
        Period: alarm.periodSeconds,
      };
  return {
    subject: `${newState}: "${alarm.alarmName}" in ${region}`.slice(0, 100),
    message: {
      AlarmName: alarm.alarmName,
      AlarmDescription: alarm.description ?? null,
      AWSAccountId: alarm.accountId,
      AlarmConfigurationUpdatedTimestamp: cloudWatchTime(time),
      NewStateValue: newState,
      NewStateReason: reason,
      StateChangeTime: cloudWatchTime(time),
      Region: region,
      AlarmArn: alarm.alarmArn,
      OldStateValue: oldState,
      OKActions: alarm.okActions,
      AlarmActions: alarm.alarmActions,
      InsufficientDataActions: alarm.insufficientDataActions,
      Trigger: {
        ...trigger,
        EvaluationPeriods: alarm.rule.evaluationPeriods,
        DatapointsToAlarm: alarm.rule.datapointsToAlarm,
        ComparisonOperator: alarm.rule.comparisonOperator,
        Threshold: alarm.rule.threshold,
        TreatMissingData: alarm.rule.treatMissingData,
        EvaluateLowSampleCountPercentile: properties.EvaluateLowSampleCountPercentile ?? '',
      },
    },
  };
}
