import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { findingIdsOf, fixtureStack, projectFindings } from '../testing/project-findings.ts';
import { deniesPlainTransport } from './SqsQueueTlsOnlyPolicy.ts';

describe('Serenya-SqsQueueTlsOnlyPolicy', { timeout: 30_000 }, () => {
  it('passes a queue with enforceSSL (CDK adds the deny statement)', () => {
    const stack = fixtureStack();
    new Queue(stack, 'Queue', { enforceSSL: true });
    expect(findingIdsOf(stack, 'SqsQueueTlsOnlyPolicy')).toEqual([]);
  });

  it('flags a queue without a TLS-only policy, even when a sibling queue has one', () => {
    const stack = fixtureStack();
    new Queue(stack, 'Safe', { enforceSSL: true });
    new Queue(stack, 'Open');
    expect(projectFindings(stack).get('Serenya-SqsQueueTlsOnlyPolicy')).toEqual(['Fixture/Open/Resource']);
  });

  it('accepts only Deny, every principal, every SQS action, SecureTransport false', () => {
    const deny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    expect(deniesPlainTransport(deny)).toBe(true);
    expect(deniesPlainTransport({ ...deny, Effect: 'Allow' })).toBe(false);
    expect(deniesPlainTransport({ ...deny, Action: 'sqs:SendMessage' })).toBe(false);
    expect(deniesPlainTransport({ ...deny, Principal: { AWS: 'arn:aws:iam::111111111111:root' } })).toBe(false);
    expect(deniesPlainTransport({ ...deny, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })).toBe(false);
  });
});
