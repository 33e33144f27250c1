/**
 * `AWS::CloudWatch::Alarm`, which moto's CloudFormation ignores: PutMetricAlarm with exactly
 * the template's properties (single-metric or metric math), actions pointing at the provisioned
 * topics. Moto stores alarms and never evaluates them; emulation/src/observability does.
 * @module
 */
import { DescribeAlarmsCommand, PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { generatePhysicalName } from '../physical-names.ts';
import { cfnTags, DifferenceList, optionalBoolean, optionalNumber, optionalString, type ResourceHandler } from '../resource-handler.ts';

type Properties = Readonly<Record<string, unknown>>;

export function metricAlarmInput(alarmName: string, properties: Properties): PutMetricAlarmCommandInput {
  const tags = cfnTags(properties);
  return {
    AlarmName: alarmName,
    AlarmDescription: optionalString(properties, 'AlarmDescription'),
    ActionsEnabled: optionalBoolean(properties, 'ActionsEnabled'),
    AlarmActions: properties.AlarmActions as string[] | undefined,
    OKActions: properties.OKActions as string[] | undefined,
    InsufficientDataActions: properties.InsufficientDataActions as string[] | undefined,
    MetricName: optionalString(properties, 'MetricName'),
    Namespace: optionalString(properties, 'Namespace'),
    Statistic: optionalString(properties, 'Statistic') as PutMetricAlarmCommandInput['Statistic'],
    ExtendedStatistic: optionalString(properties, 'ExtendedStatistic'),
    Dimensions: properties.Dimensions as PutMetricAlarmCommandInput['Dimensions'],
    Period: optionalNumber(properties, 'Period'),
    Unit: optionalString(properties, 'Unit') as PutMetricAlarmCommandInput['Unit'],
    EvaluationPeriods: optionalNumber(properties, 'EvaluationPeriods'),
    DatapointsToAlarm: optionalNumber(properties, 'DatapointsToAlarm'),
    Threshold: optionalNumber(properties, 'Threshold'),
    ComparisonOperator: optionalString(properties, 'ComparisonOperator') as PutMetricAlarmCommandInput['ComparisonOperator'],
    TreatMissingData: optionalString(properties, 'TreatMissingData'),
    EvaluateLowSampleCountPercentile: optionalString(properties, 'EvaluateLowSampleCountPercentile'),
    Metrics: properties.Metrics as PutMetricAlarmCommandInput['Metrics'],
    ThresholdMetricId: optionalString(properties, 'ThresholdMetricId'),
    Tags: tags.length > 0 ? tags : undefined,
  };
}

/** The alarm's name: the template's `AlarmName`, else CloudFormation's generated pattern. */
export function alarmName(stackName: string, logicalId: string, properties: Properties): string {
  return optionalString(properties, 'AlarmName') ?? generatePhysicalName({ stackName, logicalId, maxLength: 255 });
}

export const cloudWatchAlarmHandler: ResourceHandler = {
  type: 'AWS::CloudWatch::Alarm',
  async provision({ clients, region, accountId, stackName }, logicalId, properties) {
    const name = alarmName(stackName, logicalId, properties);
    await clients.cloudwatch.send(new PutMetricAlarmCommand(metricAlarmInput(name, properties)));
    return { logicalId, type: 'AWS::CloudWatch::Alarm', ref: name, attributes: { Arn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}` } };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    const { MetricAlarms = [] } = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [resource.ref] }));
    const alarm = MetricAlarms[0];
    if (alarm === undefined) {
      differences.expect('AlarmName', resource.ref, undefined);
      return differences.differences;
    }
    const expected = metricAlarmInput(resource.ref, properties);
    const fields = [
      'MetricName',
      'Namespace',
      'Statistic',
      'ExtendedStatistic',
      'Period',
      'EvaluationPeriods',
      'DatapointsToAlarm',
      'Threshold',
      'ComparisonOperator',
      'TreatMissingData',
    ] as const;
    for (const field of fields) differences.expect(field, expected[field], alarm[field]);
    const names = (list: Array<{ Name?: string; Value?: string }> | undefined) => (list ?? []).map((d) => `${d.Name}=${d.Value}`).toSorted();
    differences.expect('Dimensions', names(expected.Dimensions), names(alarm.Dimensions));
    differences.expect('AlarmActions', expected.AlarmActions ?? [], alarm.AlarmActions ?? []);
    differences.expect('OKActions', expected.OKActions ?? [], alarm.OKActions ?? []);
    differences.expect('Metrics', (expected.Metrics ?? []).map((query) => query.Id), (alarm.Metrics ?? []).map((query) => query.Id));
    return differences.differences;
  },
};
