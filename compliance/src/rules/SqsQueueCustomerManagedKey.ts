/**
 * An SQS queue is encrypted with a customer-managed KMS key: KmsMasterKeyId is set and is not the
 * AWS-managed `alias/aws/sqs`; SQS-managed SSE does not count. Only a customer key has a key
 * policy we write (who may decrypt the documents in flight), rotation we control, and CloudTrail
 * entries for every decrypt. AwsSolutions-SQS2 passes SQS-managed SSE, so it is not enough here.
 * @module
 */
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { ProjectRule } from './project-rule.ts';

const AWS_MANAGED_SQS_KEY = /^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/aws\/sqs$/;

export const SqsQueueCustomerManagedKey: ProjectRule = {
  id: 'SqsQueueCustomerManagedKey',
  info: 'The SQS queue is not encrypted with a customer-managed KMS key (SQS-managed SSE and alias/aws/sqs do not count) - (Control IDs: 164.312(a)(2)(iv), 164.312(e)(2)(ii)).',
  explanation:
    'Queue messages name the uploaded documents of a user. With a customer-managed key the key policy decides which roles can read them, every decrypt is in CloudTrail, and the key can be disabled to cut access at once.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof CfnQueue)) return NagRuleCompliance.NOT_APPLICABLE;
    const key: unknown = Stack.of(node).resolve(node.kmsMasterKeyId);
    if (key === undefined || key === null || key === '') return NagRuleCompliance.NON_COMPLIANT;
    if (typeof key === 'string' && AWS_MANAGED_SQS_KEY.test(key)) return NagRuleCompliance.NON_COMPLIANT;
    return NagRuleCompliance.COMPLIANT;
  },
};
