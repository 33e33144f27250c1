/**
 * `AWS::S3::BucketPolicy`. Moto applies bucket policies to object calls without evaluating
 * Conditions (MOTO.md §2): CDK's `enforceSSL` statement (Deny unless aws:SecureTransport) would
 * then deny every object call. So Deny statements that carry a Condition are left out locally,
 * and the log says so; everything else is attached as written.
 * @module
 */
import { GetBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { DifferenceList, type ResourceHandler } from '../resource-handler.ts';

interface PolicyStatement {
  Effect?: string;
  Condition?: unknown;
  Sid?: string;
}

interface PolicyDocument {
  Version?: string;
  Statement?: PolicyStatement[];
}

/** The policy moto can hold without breaking object calls: conditional Deny statements removed. */
export function localBucketPolicy(document: unknown): { policy: PolicyDocument; dropped: PolicyStatement[] } {
  const parsed = (typeof document === 'string' ? JSON.parse(document) : document) as PolicyDocument;
  const statements = parsed.Statement ?? [];
  const dropped = statements.filter((statement) => statement.Effect === 'Deny' && statement.Condition !== undefined);
  return { policy: { ...parsed, Statement: statements.filter((statement) => !dropped.includes(statement)) }, dropped };
}

export const s3BucketPolicyHandler: ResourceHandler = {
  type: 'AWS::S3::BucketPolicy',
  async provision({ clients, log }, logicalId, properties) {
    const bucket = String(properties.Bucket);
    const { policy, dropped } = localBucketPolicy(properties.PolicyDocument);
    if (dropped.length > 0) {
      log(`${logicalId}: ${dropped.length} conditional Deny statement(s) left out of ${bucket}'s policy (moto would apply them unconditionally)`);
    }
    if ((policy.Statement ?? []).length > 0) await clients.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
    return { logicalId, type: 'AWS::S3::BucketPolicy', ref: bucket, attributes: {} };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    const { policy } = localBucketPolicy(properties.PolicyDocument);
    const expected = (policy.Statement ?? []).length > 0 ? policy : undefined;
    const actual = await clients.s3.send(new GetBucketPolicyCommand({ Bucket: String(properties.Bucket) })).then(
      (answer) => (answer.Policy === undefined ? undefined : (JSON.parse(answer.Policy) as unknown)),
      () => undefined,
    );
    differences.expect('PolicyDocument', expected, actual);
    return differences.differences;
  },
};
