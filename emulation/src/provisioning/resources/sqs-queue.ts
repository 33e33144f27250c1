/**
 * `AWS::SQS::Queue` and `AWS::SQS::QueuePolicy`. CloudFormation's queue properties are the
 * API's attributes by the same names, except `RedrivePolicy`/`RedriveAllowPolicy`, which are
 * objects in the template and JSON strings in the API.
 * @module
 */
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { generatePhysicalName } from '../physical-names.ts';
import { createOrAdopt, DifferenceList, jsonDocument, optionalBoolean, optionalString, scalarString, type ResourceHandler } from '../resource-handler.ts';

const SCALAR_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;
const JSON_ATTRIBUTES = ['RedrivePolicy', 'RedriveAllowPolicy'] as const;

/** The template's queue properties as SQS attributes (all strings). */
export function queueAttributes(properties: Readonly<Record<string, unknown>>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of SCALAR_ATTRIBUTES) if (properties[name] !== undefined) attributes[name] = scalarString(properties[name]);
  for (const name of JSON_ATTRIBUTES) {
    const document = jsonDocument(properties[name]);
    if (document !== undefined) attributes[name] = document;
  }
  return attributes;
}

export const sqsQueueHandler: ResourceHandler = {
  type: 'AWS::SQS::Queue',
  async provision({ clients, region, accountId, stackName }, logicalId, properties) {
    const fifo = optionalBoolean(properties, 'FifoQueue') === true;
    const name = optionalString(properties, 'QueueName') ?? generatePhysicalName({ stackName, logicalId, maxLength: 80, ending: fifo ? '.fifo' : '' });
    const attributes = queueAttributes(properties);
    const { QueueUrl } = await createOrAdopt(
      () => clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes })),
      ['QueueNameExists', 'QueueAlreadyExists'],
      async () => {
        const existing = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: name }));
        // FifoQueue cannot change after creation; everything else can.
        const { FifoQueue: _fifo, ...changeable } = attributes;
        await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: existing.QueueUrl, Attributes: changeable }));
        return existing;
      },
    );
    if (QueueUrl === undefined) throw new Error(`SQS CreateQueue for ${logicalId} returned no URL`);
    return {
      logicalId,
      type: 'AWS::SQS::Queue',
      ref: QueueUrl,
      attributes: { Arn: `arn:aws:sqs:${region}:${accountId}:${name}`, QueueName: name, QueueUrl },
    };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    const { Attributes = {} } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: resource.ref, AttributeNames: ['All'] }));
    for (const [name, expected] of Object.entries(queueAttributes(properties))) {
      const actual = (Attributes as Record<string, string | undefined>)[name];
      if ((JSON_ATTRIBUTES as readonly string[]).includes(name)) differences.expect(name, JSON.parse(expected), actual === undefined ? undefined : JSON.parse(actual));
      else differences.expect(name, expected, actual);
    }
    return differences.differences;
  },
};

export const sqsQueuePolicyHandler: ResourceHandler = {
  type: 'AWS::SQS::QueuePolicy',
  async provision({ clients }, logicalId, properties) {
    const policy = jsonDocument(properties.PolicyDocument) ?? '{}';
    const queues = (properties.Queues as string[] | undefined) ?? [];
    for (const queueUrl of queues) {
      await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: policy } }));
    }
    return { logicalId, type: 'AWS::SQS::QueuePolicy', ref: `${logicalId}-policy`, attributes: {} };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    for (const queueUrl of (properties.Queues as string[] | undefined) ?? []) {
      const { Attributes = {} } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['Policy'] }));
      differences.expect(`PolicyDocument(${queueUrl})`, JSON.parse(jsonDocument(properties.PolicyDocument) ?? '{}'), Attributes.Policy === undefined ? undefined : JSON.parse(Attributes.Policy));
    }
    return differences.differences;
  },
};
