import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestBackend } from '../../testing/backend.ts';
import { awsClientConfig } from '../../testing/document-resources.ts';
import type { CfnTemplate, ProvisionedResource } from '../../template/template-types.ts';
import type { FunctionLogLine } from '../functions/function-log.ts';
import { startLocalRuntime, type LocalRuntime } from '../local-runtime.ts';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** A queue with a DLQ after two receives, mapped to the fixture's partial-batch handler. */
const template: CfnTemplate = {
  Resources: {
    JobsDlq: { Type: 'AWS::SQS::Queue', Properties: {} },
    JobsQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: { VisibilityTimeout: 30, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['JobsDlq', 'Arn'] }, maxReceiveCount: 2 } },
    },
    Worker: {
      Type: 'AWS::Lambda::Function',
      Properties: { Timeout: 10, MemorySize: 256, ReservedConcurrentExecutions: 2, Environment: { Variables: { QUEUE_URL: { Ref: 'JobsQueue' } } } },
      Metadata: { 'serenya:entry': 'emulation/src/runtime/testing/fixtures/handlers.ts', 'serenya:handler': 'sqsBatch' },
    },
    WorkerJobsMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: { Ref: 'Worker' },
        EventSourceArn: { 'Fn::GetAtt': ['JobsQueue', 'Arn'] },
        BatchSize: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumBatchingWindowInSeconds: 1,
      },
    },
  },
};

let sqs: SQSClient;
let runtime: LocalRuntime;
let queueUrl: string;
let dlqUrl: string;
const logs: FunctionLogLine[] = [];

async function queueArn(url: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return Attributes?.QueueArn ?? '';
}

async function visibleMessages(url: string): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes?.ApproximateNumberOfMessages);
}

beforeAll(async () => {
  const { aws } = getTestBackend();
  sqs = new SQSClient(awsClientConfig(aws));
  // What the provisioner would make from the template: the queues with their redrive policy.
  const suffix = randomBytes(4).toString('hex');
  dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `jobs-dlq-${suffix}` }))).QueueUrl ?? '';
  const dlqArn = await queueArn(dlqUrl);
  queueUrl =
    (
      await sqs.send(
        new CreateQueueCommand({ QueueName: `jobs-${suffix}`, Attributes: { VisibilityTimeout: '30', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) } }),
      )
    ).QueueUrl ?? '';
  const provisioned = new Map<string, ProvisionedResource>([
    ['JobsDlq', { logicalId: 'JobsDlq', type: 'AWS::SQS::Queue', ref: dlqUrl, attributes: { Arn: dlqArn } }],
    ['JobsQueue', { logicalId: 'JobsQueue', type: 'AWS::SQS::Queue', ref: queueUrl, attributes: { Arn: await queueArn(queueUrl) } }],
  ]);
  runtime = await startLocalRuntime({
    template,
    provisioned,
    repositoryRoot,
    aws: { region: aws.region, endpoint: aws.endpoint, credentials: aws },
    // Failed messages reappear at once instead of after the queue's 30 s, so redrive is quick.
    eventSources: { failureVisibilityTimeoutSeconds: 0 },
    log: { format: 'silent' },
    on: { log: (line) => logs.push(line) },
  });
});

afterAll(async () => {
  await runtime.stop();
  sqs.destroy();
});

describe('SQS event source mappings from the template', () => {
  it('reads batch size, partial batch failures and pollers from the mapping', () => {
    expect(runtime.sqsMappings).toEqual([
      expect.objectContaining({ logicalId: 'WorkerJobsMapping', functionLogicalId: 'Worker', queueUrl, batchSize: 5, maximumBatchingWindowMs: 1_000, reportBatchItemFailures: true, pollers: 2, enabled: true }),
    ]);
  });

  it('deletes the records that succeeded and lets the queue redrive a failing one to the DLQ after maxReceiveCount', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'ok-1' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'fail-1' }));

    await expect.poll(() => visibleMessages(dlqUrl), { timeout: 20_000, interval: 200 }).toBe(1);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 }));
    expect(Messages?.map((message) => message.Body)).toEqual(['fail-1']);
    const bodies = logs.flatMap((line) => (line.json?.message === 'batch' ? (line.json.bodies as string[]) : []));
    expect(bodies.filter((body) => body === 'ok-1')).toHaveLength(1);
    expect(bodies.filter((body) => body === 'fail-1')).toHaveLength(2);
    expect(await visibleMessages(queueUrl)).toBe(0);
  });
});
