import { randomBytes } from 'node:crypto';
import { DescribeAlarmsCommand, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, type AwsClients, type AwsTarget } from '../provisioning/aws-target.ts';
import { fixtureTemplate } from '../provisioning/fixture-template.ts';
import { provisionTemplate } from '../provisioning/provision-template.ts';
import type { ProvisionedResources } from '../template/template-types.ts';
import { awsClientConfig } from '../backends/embedded.ts';
import { getTestBackend } from '../testing/backend.ts';
import { alarmDefinitionsFromTemplate } from './alarm-definition.ts';
import { AlarmEvaluator } from './alarm-evaluator.ts';
import { LocalMetrics } from './local-metrics.ts';

interface AlarmMessage {
  AlarmName: string;
  OldStateValue: string;
  NewStateValue: string;
  NewStateReason: string;
  Trigger: { MetricName: string; Statistic: string; Threshold: number };
}

describe('alarms over moto', () => {
  let aws: AwsTarget;
  let clients: AwsClients;
  let resources: ProvisionedResources;
  let template: ReturnType<typeof fixtureTemplate>;
  let stackName: string;
  let suffix: string;

  beforeAll(async () => {
    const backend = getTestBackend().aws;
    aws = awsClientConfig(backend);
    clients = createAwsClients(aws);
    suffix = randomBytes(4).toString('hex');
    stackName = `serenya-alarms-${suffix}`;
    template = fixtureTemplate(suffix);
    resources = await provisionTemplate({ template, aws, stackName });
  });
  afterAll(() => clients.destroy());

  async function alarmStateInMoto(name: string): Promise<string | undefined> {
    const { MetricAlarms = [] } = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
    return MetricAlarms[0]?.StateValue;
  }

  /** Reads the SNS notifications the alarm topic delivered to its SQS subscriber. */
  async function receivedNotifications(expected: number): Promise<Array<{ subject: string; message: AlarmMessage }>> {
    const queueUrl = resources.get('AlarmTopicQueue')!.ref;
    const received: Array<{ subject: string; message: AlarmMessage }> = [];
    while (received.length < expected) {
      const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 10 }));
      if (Messages.length === 0) break;
      for (const message of Messages) {
        const envelope = JSON.parse(message.Body ?? '{}') as { Subject: string; Message: string };
        received.push({ subject: envelope.Subject, message: JSON.parse(envelope.Message) as AlarmMessage });
        await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      }
    }
    return received;
  }

  it('drives EMF errors into moto and sees the processing-errors alarm go OK → ALARM → OK, in moto and on its SNS topic', async () => {
    const alarmName = `serenya-processing-errors-${suffix}`;
    const alarms = alarmDefinitionsFromTemplate(template, resources, { stackName, region: aws.region });
    expect(alarms.map((alarm) => [alarm.alarmName, alarm.unsupported])).toEqual([
      [alarmName, undefined],
      [resources.get('ProcessorErrorRateAlarm')!.ref, undefined],
      [`serenya-dead-letters-${suffix}`, undefined],
      [resources.get('DatabaseConnectionsAlarm')!.ref, 'nothing produces AWS/RDS metrics locally'],
    ]);
    // A test clock: the alarm's 60 s periods pass at once instead of in minutes.
    let now = Date.now();
    const metrics = new LocalMetrics({ aws, flushIntervalMs: 60_000, log: () => undefined });
    const evaluator = new AlarmEvaluator({ alarms, store: metrics.store, aws, now: () => now, print: () => undefined });
    try {
      await evaluator.start();
      expect(await alarmStateInMoto(alarmName)).toBe('INSUFFICIENT_DATA');
      await evaluator.evaluateNow();
      expect(await alarmStateInMoto(alarmName)).toBe('OK');

      // Six processing errors in each of two periods: 2 of the last 3 periods ≥ 5.
      const emfError = (timestamp: number) =>
        JSON.stringify({
          _aws: { Timestamp: timestamp, CloudWatchMetrics: [{ Namespace: 'Serenya/Errors', Dimensions: [['Category', 'RecoveryStrategy'], ['Category']], Metrics: [{ Name: 'ErrorsByCategory', Unit: 'Count' }] }] },
          Category: 'processing',
          RecoveryStrategy: 'retry',
          ErrorsByCategory: 1,
        });
      for (let index = 0; index < 6; index += 1) metrics.ingestLogLine('processor', emfError(now - 90_000));
      expect((await evaluator.evaluateNow()).filter((t) => t.alarmName === alarmName)).toEqual([]); // 1 of 3: still OK
      for (let index = 0; index < 6; index += 1) metrics.ingestLogLine('processor', emfError(now - 1_000));
      const [toAlarm] = (await evaluator.evaluateNow()).filter((t) => t.alarmName === alarmName);
      expect(toAlarm).toMatchObject({ oldState: 'OK', newState: 'ALARM', notified: [resources.get('AlarmTopic')!.ref] });
      expect(await alarmStateInMoto(alarmName)).toBe('ALARM');

      // The same data reached moto's CloudWatch.
      await metrics.flush();
      const statistics = await clients.cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'Serenya/Errors',
          MetricName: 'ErrorsByCategory',
          Dimensions: [
            { Name: 'Category', Value: 'processing' },
            { Name: 'RecoveryStrategy', Value: 'retry' },
          ],
          StartTime: new Date(now - 600_000),
          EndTime: new Date(now + 60_000),
          Period: 3600,
          Statistics: ['Sum'],
        }),
      );
      expect(statistics.Datapoints?.reduce((sum, point) => sum + (point.Sum ?? 0), 0)).toBe(12);

      now += 3 * 60_000; // three quiet periods later
      const [toOk] = (await evaluator.evaluateNow()).filter((t) => t.alarmName === alarmName);
      expect(toOk).toMatchObject({ oldState: 'ALARM', newState: 'OK' });
      expect(await alarmStateInMoto(alarmName)).toBe('OK');

      const notifications = (await receivedNotifications(3)).filter(({ message }) => message.AlarmName === alarmName);
      expect(notifications.map(({ message }) => `${message.OldStateValue} → ${message.NewStateValue}`)).toEqual(['INSUFFICIENT_DATA → OK', 'OK → ALARM', 'ALARM → OK']);
      expect(notifications[1]?.subject).toBe(`ALARM: "${alarmName}" in EU (Ireland)`);
      expect(notifications[1]?.message.Trigger).toMatchObject({ MetricName: 'ErrorsByCategory', Statistic: 'SUM', Threshold: 5 });
      expect(notifications[1]?.message.NewStateReason).toMatch(/^Threshold Crossed: 2 out of the last 3 datapoints/);
    } finally {
      await evaluator.stop();
      await metrics.stop();
    }
  });
});
