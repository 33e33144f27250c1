/** Every resource type provisioning creates in moto, by CloudFormation type. @module */
import type { ResourceHandler } from './resource-handler.ts';
import { cloudWatchAlarmHandler } from './resources/cloudwatch-alarm.ts';
import { dynamodbGlobalTableHandler, dynamodbTableHandler } from './resources/dynamodb-table.ts';
import { kmsAliasHandler, kmsKeyHandler } from './resources/kms-key.ts';
import { logGroupHandler } from './resources/log-group.ts';
import { s3BucketPolicyHandler } from './resources/s3-bucket-policy.ts';
import { s3BucketHandler } from './resources/s3-bucket.ts';
import { secretHandler } from './resources/secret.ts';
import { snsSubscriptionHandler, snsTopicHandler, snsTopicPolicyHandler } from './resources/sns-topic.ts';
import { sqsQueueHandler, sqsQueuePolicyHandler } from './resources/sqs-queue.ts';

export const RESOURCE_HANDLERS: ReadonlyMap<string, ResourceHandler> = new Map(
  [
    kmsKeyHandler,
    kmsAliasHandler,
    s3BucketHandler,
    s3BucketPolicyHandler,
    sqsQueueHandler,
    sqsQueuePolicyHandler,
    dynamodbTableHandler,
    dynamodbGlobalTableHandler,
    snsTopicHandler,
    snsSubscriptionHandler,
    snsTopicPolicyHandler,
    logGroupHandler,
    cloudWatchAlarmHandler,
    secretHandler,
  ].map((handler) => [handler.type, handler]),
);
