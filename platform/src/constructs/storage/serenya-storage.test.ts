import { describe, expect, it } from 'vitest';
import { resourcesOf, synthesizedStages } from '../../testing/synthesized-stages.ts';

const { template } = synthesizedStages().development;
const buckets = resourcesOf(template, 'AWS::S3::Bucket');

describe('buckets', () => {
  it('none is public: every bucket blocks all public access and is versioned', () => {
    for (const [, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    }
  });

  it('every bucket denies plain HTTP, and nothing grants to everyone', () => {
    const policies = resourcesOf(template, 'AWS::S3::BucketPolicy');
    expect(policies.length).toBe(buckets.length);
    for (const [, policy] of policies) {
      const statements = (policy.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      for (const statement of statements.filter((s) => s.Effect === 'Allow')) expect(statement.Principal).not.toEqual({ AWS: '*' });
    }
  });

  it('all but the access-log bucket log to the access-log bucket', () => {
    const logged = buckets.filter(([, bucket]) => bucket.Properties.LoggingConfiguration !== undefined);
    expect(logged.length).toBe(buckets.length - 1);
  });

  it('the temp bucket expires current and noncurrent versions after one day', () => {
    const temp = buckets.find(([id]) => id.startsWith('StorageTempDocuments'));
    const rules = (temp?.[1].Properties.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({ Id: 'DeleteProcessedDocuments', Status: 'Enabled', ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }),
    );
  });
});
