import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { findingIdsOf, fixtureStack } from '../testing/project-findings.ts';

describe('Serenya-SqsQueueCustomerManagedKey', { timeout: 30_000 }, () => {
  it('passes a queue encrypted with a customer-managed key', () => {
    const stack = fixtureStack();
    new Queue(stack, 'Queue', { encryption: QueueEncryption.KMS, encryptionMasterKey: new Key(stack, 'Key', { enableKeyRotation: true }) });
    expect(findingIdsOf(stack, 'SqsQueueCustomerManagedKey')).toEqual([]);
  });

  it('flags SQS-managed server-side encryption', () => {
    const stack = fixtureStack();
    new Queue(stack, 'Queue', { encryption: QueueEncryption.SQS_MANAGED });
    expect(findingIdsOf(stack, 'SqsQueueCustomerManagedKey')).toEqual(['Serenya-SqsQueueCustomerManagedKey']);
  });

  it('flags the AWS-managed alias/aws/sqs key', () => {
    const stack = fixtureStack();
    new CfnQueue(stack, 'Queue', { kmsMasterKeyId: 'alias/aws/sqs' });
    expect(findingIdsOf(stack, 'SqsQueueCustomerManagedKey')).toEqual(['Serenya-SqsQueueCustomerManagedKey']);
  });
});
