import { randomBytes } from 'node:crypto';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createAwsClients, type AwsTarget } from '../provisioning/aws-target.ts';
import { fixtureTemplate } from '../provisioning/fixture-template.ts';
import { provisionTemplate } from '../provisioning/provision-template.ts';
import { awsClientConfig } from '../backends/embedded.ts';
import { getTestBackend } from '../testing/backend.ts';
import type { AlarmTransition } from './alarm-evaluator.ts';
import { startObservability } from './start-observability.ts';

describe('startObservability', () => {
  it('raises the dead-letter alarm on its own timer once a message sits in the DLQ (AWS/SQS depth polled from moto)', async () => {
    const aws: AwsTarget = awsClientConfig(getTestBackend().aws);
    const suffix = randomBytes(4).toString('hex');
    const stackName = `serenya-observability-${suffix}`;
    const template = fixtureTemplate(suffix);
    const provisioned = await provisionTemplate({ template, aws, stackName });
    const alarmName = `serenya-dead-letters-${suffix}`;
    const printed: string[] = [];
    // 60 s periods take 600 ms here; the test waits for events, not for time.
    const observability = await startObservability({ template, provisioned, aws, stackName, periodScale: 0.01, print: (line) => printed.push(line), log: (line) => printed.push(line) });
    const clients = createAwsClients(aws);
    try {
      const transitions = (wanted: AlarmTransition['newState']) =>
        new Promise<AlarmTransition>((resolve) => {
          const off = observability.evaluator.onTransition((transition) => {
            if (transition.alarmName !== alarmName || transition.newState !== wanted) return;
            off();
            resolve(transition);
          });
        });
      await transitions('OK');
      const alarmed = transitions('ALARM');
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: provisioned.get('ProcessingDeadLetterQueue')!.ref, MessageBody: 'poison' }));
      const transition = await alarmed;
      expect(transition.reason).toMatch(/^Threshold Crossed: 1 out of the last 1 datapoints \[1\.0 /);
      expect(transition.notified).toEqual([provisioned.get('AlarmTopic')!.ref]);
      const { MetricAlarms = [] } = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }));
      expect(MetricAlarms[0]?.StateValue, printed.join('\n')).toBe('ALARM');

      const response = await observability.routes.request('/_local/alarms');
      const body = (await response.json()) as { alarms: Array<{ alarmName: string; state: string; unsupported?: string }> };
      expect(body.alarms.find((alarm) => alarm.alarmName === alarmName)?.state).toBe('ALARM');
      expect(body.alarms.find((alarm) => alarm.alarmName === provisioned.get('DatabaseConnectionsAlarm')!.ref)).toMatchObject({
        state: 'INSUFFICIENT_DATA',
        unsupported: 'nothing produces AWS/RDS metrics locally',
      });
    } finally {
      clients.destroy();
      await observability.stop();
    }
  });
});
