/**
 * An SQS queue has a queue policy, in the same stack, that denies every SQS action to every
 * principal when the request does not use TLS (`aws:SecureTransport` = false). Without it a
 * client inside the VPC could talk to the queue's endpoint over plain HTTP.
 * @module
 */
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnQueue, CfnQueuePolicy } from 'aws-cdk-lib/aws-sqs';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { ProjectRule } from './project-rule.ts';

interface PolicyStatement {
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Condition?: { Bool?: Record<string, unknown> };
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

const coversEverySqsAction = (action: unknown): boolean =>
  asList(action).some((a) => typeof a === 'string' && (a === '*' || a.toLowerCase() === 'sqs:*'));

const coversEveryPrincipal = (principal: unknown): boolean =>
  principal === '*' ||
  (typeof principal === 'object' && principal !== null && asList((principal as { AWS?: unknown }).AWS).includes('*'));

/** Whether one statement is "Deny sqs:* to * unless SecureTransport". */
export function deniesPlainTransport(statement: PolicyStatement): boolean {
  const secureTransport = statement.Condition?.Bool?.['aws:SecureTransport'];
  return (
    statement.Effect === 'Deny' &&
    coversEverySqsAction(statement.Action) &&
    coversEveryPrincipal(statement.Principal) &&
    (secureTransport === false || secureTransport === 'false')
  );
}

export const SqsQueueTlsOnlyPolicy: ProjectRule = {
  id: 'SqsQueueTlsOnlyPolicy',
  info: 'The SQS queue has no queue policy that denies requests without TLS (aws:SecureTransport false) - (Control IDs: 164.312(e)(1), 164.312(e)(2)(i)).',
  explanation:
    'SQS endpoints accept plain HTTP unless a resource policy refuses it. Messages about users\' documents must only travel encrypted, whoever the caller is, so the deny has to cover every principal and every SQS action.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof CfnQueue)) return NagRuleCompliance.NOT_APPLICABLE;
    const stack = Stack.of(node);
    const queueRef = JSON.stringify(stack.resolve(node.ref));
    const policies = stack.node.findAll().filter((c): c is CfnQueuePolicy => c instanceof CfnQueuePolicy);
    const compliant = policies.some((policy) => {
      const queues = asList(stack.resolve(policy.queues)).map((q) => JSON.stringify(q));
      if (!queues.includes(queueRef)) return false;
      const document = stack.resolve(policy.policyDocument) as { Statement?: PolicyStatement[] } | undefined;
      return (document?.Statement ?? []).some(deniesPlainTransport);
    });
    return compliant ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
