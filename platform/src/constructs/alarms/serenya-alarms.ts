/**
 * Turns {@link alarmSpecs} into CloudWatch alarms, each notifying its topic on ALARM and on OK.
 *
 * @example
 * ```ts
 * new SerenyaAlarms(this, 'Alarms', { topics: topics.topics, inputs });
 * ```
 * @module
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { alarmSpecs, type AlarmInputs } from './alarm-specs.ts';
import type { AlarmTopicName } from './alarm-topics.ts';

const comparisons = {
  GreaterThanOrEqualToThreshold: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  GreaterThanThreshold: ComparisonOperator.GREATER_THAN_THRESHOLD,
  LessThanThreshold: ComparisonOperator.LESS_THAN_THRESHOLD,
} as const;
const missing = { notBreaching: TreatMissingData.NOT_BREACHING, breaching: TreatMissingData.BREACHING, missing: TreatMissingData.MISSING } as const;

export interface SerenyaAlarmsProps {
  readonly topics: Record<AlarmTopicName, Topic>;
  readonly inputs: AlarmInputs;
}

export class SerenyaAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: SerenyaAlarmsProps) {
    super(scope, id);
    for (const spec of alarmSpecs(props.inputs)) {
      const metric = new Metric({
        namespace: spec.namespace,
        metricName: spec.metricName,
        dimensionsMap: { ...spec.dimensions },
        statistic: spec.statistic,
        period: Duration.seconds(spec.periodSeconds),
      });
      const alarm = new Alarm(this, spec.name, {
        alarmName: `serenya-${props.inputs.stage}-${spec.name}`,
        alarmDescription: spec.description,
        metric,
        threshold: spec.threshold,
        evaluationPeriods: spec.evaluationPeriods,
        comparisonOperator: comparisons[spec.comparison],
        treatMissingData: missing[spec.treatMissingData],
      });
      const action = new SnsAction(props.topics[spec.topic]);
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    }
  }
}
