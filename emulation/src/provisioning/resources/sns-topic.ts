/**
 * `AWS::SNS::Topic` (with inline subscriptions), `AWS::SNS::Subscription` and
 * `AWS::SNS::TopicPolicy`. Subscriptions moto can hold without side effects are made there:
 * SQS (moto delivers), e-mail and SMS (moto records them and sends nothing). HTTP(S) and Lambda
 * endpoints are not subscribed: a dead HTTP subscriber makes moto's Publish fail (MOTO.md §7),
 * and Lambda targets belong to the local runtime.
 * @module
 */
import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { generatePhysicalName } from '../physical-names.ts';
import { cfnTags, DifferenceList, jsonDocument, optionalBoolean, optionalList, optionalString, scalarString, type ProvisionContext, type ResourceHandler } from '../resource-handler.ts';

const SUBSCRIBED_IN_MOTO = new Set(['sqs', 'email', 'email-json', 'sms']);

async function subscribe(context: ProvisionContext, owner: string, topicArn: string, subscription: Record<string, unknown>): Promise<string | undefined> {
  const protocol = String(subscription.Protocol);
  const endpoint = String(subscription.Endpoint);
  if (!SUBSCRIBED_IN_MOTO.has(protocol)) {
    context.log(`${owner}: ${protocol} subscription to ${endpoint} not made in moto (the emulator delivers ${protocol} itself or not at all)`);
    return undefined;
  }
  const attributes: Record<string, string> = {};
  if (subscription.RawMessageDelivery !== undefined) attributes.RawMessageDelivery = scalarString(subscription.RawMessageDelivery);
  const filter = jsonDocument(subscription.FilterPolicy);
  if (filter !== undefined) attributes.FilterPolicy = filter;
  if (subscription.FilterPolicyScope !== undefined) attributes.FilterPolicyScope = scalarString(subscription.FilterPolicyScope);
  const redrive = jsonDocument(subscription.RedrivePolicy);
  if (redrive !== undefined) attributes.RedrivePolicy = redrive;
  const { SubscriptionArn } = await context.clients.sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: protocol, Endpoint: endpoint, Attributes: attributes, ReturnSubscriptionArn: true }),
  );
  if (protocol.startsWith('email')) context.log(`${owner}: e-mail subscription ${endpoint} recorded in moto (nothing is sent)`);
  return SubscriptionArn;
}

export const snsTopicHandler: ResourceHandler = {
  type: 'AWS::SNS::Topic',
  async provision(context, logicalId, properties) {
    const fifo = optionalBoolean(properties, 'FifoTopic') === true;
    const name = optionalString(properties, 'TopicName') ?? generatePhysicalName({ stackName: context.stackName, logicalId, maxLength: 256, ending: fifo ? '.fifo' : '' });
    const attributes: Record<string, string> = {};
    for (const key of ['DisplayName', 'KmsMasterKeyId', 'FifoTopic', 'ContentBasedDeduplication', 'SignatureVersion', 'TracingConfig']) {
      if (properties[key] !== undefined) attributes[key] = scalarString(properties[key]);
    }
    const tags = cfnTags(properties);
    const { TopicArn } = await context.clients.sns.send(new CreateTopicCommand({ Name: name, Attributes: attributes, Tags: tags.length > 0 ? tags : undefined }));
    if (TopicArn === undefined) throw new Error(`SNS CreateTopic for ${logicalId} returned no ARN`);
    // CreateTopic answers an existing topic's ARN without applying new attributes: set them.
    for (const name of ['DisplayName', 'KmsMasterKeyId'] as const) {
      if (attributes[name] !== undefined) await context.clients.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: name, AttributeValue: attributes[name] }));
    }
    for (const subscription of optionalList(properties, 'Subscription')) await subscribe(context, logicalId, TopicArn, subscription);
    return { logicalId, type: 'AWS::SNS::Topic', ref: TopicArn, attributes: { TopicArn, TopicName: name } };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    const { Attributes = {} } = await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: resource.ref }));
    differences.expect('KmsMasterKeyId', optionalString(properties, 'KmsMasterKeyId'), Attributes.KmsMasterKeyId);
    differences.expect('DisplayName', optionalString(properties, 'DisplayName') ?? '', Attributes.DisplayName ?? '');
    const { Subscriptions = [] } = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: resource.ref }));
    const expected = optionalList(properties, 'Subscription')
      .filter((subscription) => SUBSCRIBED_IN_MOTO.has(String(subscription.Protocol)))
      .map((subscription) => `${String(subscription.Protocol)} ${String(subscription.Endpoint)}`);
    const actual = Subscriptions.map((subscription) => `${subscription.Protocol} ${subscription.Endpoint}`);
    for (const subscription of expected) if (!actual.includes(subscription)) differences.expect(`Subscription(${subscription})`, 'subscribed', 'missing');
    return differences.differences;
  },
};

export const snsSubscriptionHandler: ResourceHandler = {
  type: 'AWS::SNS::Subscription',
  async provision(context, logicalId, properties) {
    const arn = await subscribe(context, logicalId, String(properties.TopicArn), properties);
    return { logicalId, type: 'AWS::SNS::Subscription', ref: arn ?? `${String(properties.TopicArn)}:${logicalId}`, attributes: { Arn: arn ?? '' } };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    if (!SUBSCRIBED_IN_MOTO.has(String(properties.Protocol))) return [];
    const { Subscriptions = [] } = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: String(properties.TopicArn) }));
    const found = Subscriptions.find((subscription) => subscription.Protocol === properties.Protocol && subscription.Endpoint === properties.Endpoint);
    differences.expect('Endpoint', properties.Endpoint, found?.Endpoint);
    return differences.differences;
  },
};

export const snsTopicPolicyHandler: ResourceHandler = {
  type: 'AWS::SNS::TopicPolicy',
  async provision({ clients }, logicalId, properties) {
    const policy = jsonDocument(properties.PolicyDocument) ?? '{}';
    for (const topicArn of (properties.Topics as string[] | undefined) ?? []) {
      await clients.sns.send(new SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: 'Policy', AttributeValue: policy }));
    }
    return { logicalId, type: 'AWS::SNS::TopicPolicy', ref: `${logicalId}-policy`, attributes: {} };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    for (const topicArn of (properties.Topics as string[] | undefined) ?? []) {
      const { Attributes = {} } = await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
      differences.expect(`PolicyDocument(${topicArn})`, JSON.parse(jsonDocument(properties.PolicyDocument) ?? '{}'), Attributes.Policy === undefined ? undefined : JSON.parse(Attributes.Policy));
    }
    return differences.differences;
  },
};
