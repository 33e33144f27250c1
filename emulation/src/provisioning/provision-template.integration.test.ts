import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { alarmDefinitionsFromTemplate } from '../observability/alarm-definition.ts';
import { AlarmEvaluator } from '../observability/alarm-evaluator.ts';
import { LocalMetrics } from '../observability/local-metrics.ts';
import { localApiId } from '../runtime/http-api/http-api-definition.ts';
import { awsClientConfig } from '../backends/embedded.ts';
import { getTestBackend } from '../testing/backend.ts';
import type { CfnTemplate } from '../template/template-types.ts';
import { createAwsClients, type AwsTarget } from './aws-target.ts';
import { compareWithTemplate } from './compare-with-template.ts';
import { fixtureTemplate } from './fixture-template.ts';
import { provisionTemplate } from './provision-template.ts';

function awsTarget(): AwsTarget {
  return awsClientConfig(getTestBackend().aws);
}

describe('provisionTemplate against moto', () => {
  it('creates every resource of the fixture template so that moto matches the template, and the drift check sees a change', async () => {
    const aws = awsTarget();
    const suffix = randomBytes(4).toString('hex');
    const stackName = `serenya-test-${suffix}`;
    const template = fixtureTemplate(suffix);
    const lines: string[] = [];
    let resources = await provisionTemplate({ template, aws, stackName, log: (line) => lines.push(line) });

    // Every resource except the one whose condition is false; skipped types get placeholders.
    expect([...resources.keys()].sort()).toEqual(Object.keys(template.Resources).filter((id) => id !== 'ProductionOnlyTopic').sort());
    expect(resources.get('CostTrackingTable')?.ref).toBe(`serenya-llm-cost-tracking-development-${suffix}`);
    expect(resources.get('ProcessorFunction')?.ref).toBe(`serenya-processor-${suffix}`);
    expect(resources.get('ProcessorFunction')?.attributes.Arn).toBe(`arn:aws:lambda:eu-west-1:123456789012:function:serenya-processor-${suffix}`);
    expect(resources.get('ProcessorLogGroup')?.ref).toBe(`/aws/lambda/serenya-processor-${suffix}`);
    expect(resources.get('ProcessingDeadLetterQueue')?.attributes.QueueName).toMatch(new RegExp(`^${stackName}-ProcessingDeadLetterQueue-[0-9A-Z]{12}$`));
    expect(lines.some((line) => line.includes('conditional Deny'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^provisioned \d+ resources in moto \(4 placeholders\) in \d+ ms$/);

    expect(await compareWithTemplate(template, resources, aws, { stackName })).toEqual([]);

    // Again on the same moto (a shared test moto, or one that outlived a run): existing
    // resources are adopted and brought to the template, new keys included.
    const again = await provisionTemplate({ template, aws, stackName });
    expect(again.get('DataKey')?.ref).not.toBe(resources.get('DataKey')?.ref);
    expect(await compareWithTemplate(template, again, aws, { stackName })).toEqual([]);
    resources = again;

    const clients = createAwsClients(aws);
    try {
      const signing = await clients.kms.send(new DescribeKeyCommand({ KeyId: resources.get('SigningKey')!.ref }));
      expect(signing.KeyMetadata).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      const secret = await clients.secrets.send(new GetSecretValueCommand({ SecretId: resources.get('DatabaseSecret')!.ref }));
      const value = JSON.parse(secret.SecretString ?? '{}') as { username: string; password: string };
      expect(value.username).toBe('serenya_admin');
      expect(value.password).toMatch(/^[^"@/\\]{30}$/);
      const queue = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: resources.get('ProcessingQueue')!.ref, AttributeNames: ['RedrivePolicy'] }));
      expect(JSON.parse(queue.Attributes?.RedrivePolicy ?? '{}')).toEqual({ deadLetterTargetArn: resources.get('ProcessingDeadLetterQueue')!.attributes.Arn, maxReceiveCount: 3 });

      // Drift: change two settings behind the template's back.
      await clients.s3.send(new PutBucketVersioningCommand({ Bucket: resources.get('DocumentsBucket')!.ref, VersioningConfiguration: { Status: 'Suspended' } }));
      // (Not the processing queue: moto's SetQueueAttributes drops a queue's Policy.)
      await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: resources.get('ProcessingDeadLetterQueue')!.ref, Attributes: { MessageRetentionPeriod: '60' } }));
    } finally {
      clients.destroy();
    }
    const differences = await compareWithTemplate(template, resources, aws, { stackName });
    expect(differences.map(({ logicalId, property, expected, actual }) => ({ logicalId, property, expected, actual })).sort((a, b) => a.logicalId.localeCompare(b.logicalId))).toEqual([
      { logicalId: 'DocumentsBucket', property: 'VersioningConfiguration.Status', expected: 'Enabled', actual: 'Suspended' },
      { logicalId: 'ProcessingDeadLetterQueue', property: 'MessageRetentionPeriod', expected: '1209600', actual: '60' },
    ]);
  });

  const assembly = join(process.cwd(), 'cdk.out', 'assembly-Development');
  const templates = existsSync(assembly) ? readdirSync(assembly).filter((file) => file.endsWith('.template.json')) : [];
  it.skipIf(templates.length === 0)('provisions the synthesized development stage (cdk.out/assembly-Development), moto matches it, and its API 5xx alarm fires on the API id the runtime reports', async () => {
    const aws = awsTarget();
    for (const file of templates) {
      const template = JSON.parse(readFileSync(join(assembly, file), 'utf8')) as CfnTemplate;
      const stackName = `${file.replace('.template.json', '')}-${randomBytes(3).toString('hex')}`;
      const resources = await provisionTemplate({ template, aws, stackName });
      expect(await compareWithTemplate(template, resources, aws, { stackName })).toEqual([]);

      // The template's alarms read what the emulator produces: the HTTP API 5xx alarm's ApiId
      // is the id the local runtime reports requests under, and enough 5xx answers raise it.
      const alarms = alarmDefinitionsFromTemplate(template, resources, { stackName, region: aws.region });
      const api5xx = alarms.find((alarm) => alarm.source?.kind === 'metric' && alarm.source.metric.query.metricName === '5xx');
      if (api5xx?.source?.kind !== 'metric') continue;
      const apiLogicalIds = Object.entries(template.Resources).filter(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Api').map(([logicalId]) => logicalId);
      expect(apiLogicalIds.map((logicalId) => localApiId(logicalId))).toContain(api5xx.source.metric.query.dimensions.ApiId);
      const now = Date.now();
      const metrics = new LocalMetrics({ log: () => undefined });
      const evaluator = new AlarmEvaluator({ alarms: [api5xx], store: metrics.store, now: () => now, print: () => undefined });
      // More 5xx than the threshold in each of the M newest periods.
      for (let period = 0; period < api5xx.rule.datapointsToAlarm; period += 1) {
        for (let index = 0; index <= api5xx.rule.threshold; index += 1) {
          const timestamp = now - period * api5xx.periodSeconds * 1000 - 1000;
          metrics.recordApiRequest({ apiId: api5xx.source.metric.query.dimensions.ApiId!, stage: '$default', status: 502, latencyMs: 5, timestamp });
        }
      }
      expect((await evaluator.evaluateNow()).map((transition) => transition.newState)).toEqual(['ALARM']);
      await evaluator.stop();
    }
  });
});
