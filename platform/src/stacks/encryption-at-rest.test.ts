import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourcesOf, synthesizedStages } from '../testing/synthesized-stages.ts';

const { development, production } = synthesizedStages();
const stages = [
  ['development', development],
  ['production', production],
] as const;

/** A reference to one of the stack's own KMS keys (Ref or GetAtt Arn of an AWS::KMS::Key). */
function isOwnKey(template: typeof development.template, value: unknown): boolean {
  const keys = Object.keys(template.findResources('AWS::KMS::Key'));
  const json = JSON.stringify(value);
  return keys.some((id) => json.includes(`"${id}"`));
}

describe.each(stages)('%s: every store is encrypted with a customer key', (_name, { template }) => {
  it('buckets: SSE-KMS with a bucket key', () => {
    const buckets = resourcesOf(template, 'AWS::S3::Bucket');
    expect(buckets.length).toBe(4);
    for (const [, bucket] of buckets) {
      const rule = (bucket.Properties.BucketEncryption as { ServerSideEncryptionConfiguration: Array<Record<string, unknown>> }).ServerSideEncryptionConfiguration[0];
      expect(rule).toMatchObject({ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } });
      expect(isOwnKey(template, rule)).toBe(true);
    }
  });

  it('queues, topics, the cost table, secrets and log groups name one of our keys', () => {
    for (const [, queue] of resourcesOf(template, 'AWS::SQS::Queue')) expect(isOwnKey(template, queue.Properties.KmsMasterKeyId)).toBe(true);
    for (const [, topic] of resourcesOf(template, 'AWS::SNS::Topic')) expect(isOwnKey(template, topic.Properties.KmsMasterKeyId)).toBe(true);
    for (const [, secret] of resourcesOf(template, 'AWS::SecretsManager::Secret')) expect(isOwnKey(template, secret.Properties.KmsKeyId)).toBe(true);
    const logGroups = resourcesOf(template, 'AWS::Logs::LogGroup');
    expect(logGroups.length).toBeGreaterThanOrEqual(11);
    for (const [, group] of logGroups) {
      expect(isOwnKey(template, group.Properties.KmsKeyId)).toBe(true);
      expect(group.Properties.RetentionInDays).toEqual(expect.any(Number));
    }
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
    });
  });

  it('RDS: storage, Performance Insights and the trail', () => {
    const [[, db]] = resourcesOf(template, 'AWS::RDS::DBInstance') as [[string, { Properties: Record<string, unknown> }]];
    expect(db.Properties.StorageEncrypted).toBe(true);
    expect(isOwnKey(template, db.Properties.KmsKeyId)).toBe(true);
    expect(isOwnKey(template, db.Properties.PerformanceInsightsKMSKeyId)).toBe(true);
    for (const [, trail] of resourcesOf(template, 'AWS::CloudTrail::Trail')) expect(isOwnKey(template, trail.Properties.KMSKeyId)).toBe(true);
    for (const [, vault] of resourcesOf(template, 'AWS::Backup::BackupVault')) expect(isOwnKey(template, vault.Properties.EncryptionKeyArn)).toBe(true);
  });

  it('symmetric keys rotate; the access-token key is RSA_2048 for signing', () => {
    for (const [, key] of resourcesOf(template, 'AWS::KMS::Key')) {
      if (key.Properties.KeySpec === 'RSA_2048') {
        expect(key.Properties.KeyUsage).toBe('SIGN_VERIFY');
      } else {
        expect(key.Properties.EnableKeyRotation).toBe(true);
      }
    }
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: Match.stringLikeRegexp('^alias/serenya-(development|production)-access-token$') });
  });

  it('the logs key admits CloudWatch Logs, the alarms key CloudWatch', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logs.eu-west-1.amazonaws.com' } })]) },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
    });
  });

  it('the us-east-1 WAF log group and the backup-region vault use keys of their own regions', () => {
    const stage = _name === 'development' ? development : production;
    stage.edgeTemplate.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-'), KmsKeyId: Match.anyValue() });
    stage.backupVaultTemplate.hasResourceProperties('AWS::Backup::BackupVault', { EncryptionKeyArn: Match.anyValue() });
  });
});
