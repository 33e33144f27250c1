/**
 * The stage's KMS keys, one per kind of data, each with rotation on and a key policy that admits
 * only the AWS service that must use it (the rest comes from grants on the function roles, see
 * functions/service-functions.ts). The account root statement CDK adds is what lets IAM policies
 * grant at all; it gives no principal access by itself.
 *
 * | key | encrypts | services admitted in the key policy |
 * |---|---|---|
 * | phi | PHI columns (envelope encryption in the services), the cost table | none (grants only) |
 * | documents | the temp upload bucket, the processing queue and its DLQ | none: SSE-KMS and SQS use the caller's grant, so the design's S3 service statement would only widen it |
 * | logs | every log group, the CloudTrail trail and bucket, the access-log bucket | CloudWatch Logs, CloudTrail, S3 server access logging |
 * | rdsStorage | RDS storage, Performance Insights, the database secret | none (RDS uses it through the caller's grant) |
 * | alarms | the SNS alarm topics | CloudWatch (alarm notifications) |
 * | webConsole | the web console bucket | CloudFront (through the OAC, added by the origin) |
 * | backup | the local AWS Backup vault | none (AWS Backup uses it through the vault) |
 * | accessToken | signs access tokens (RSA_2048, RS256: the HTTP API JWT authorizer accepts only RSA) | none |
 *
 * @example
 * ```ts
 * const keys = new SerenyaKeys(this, 'Keys', { stage: 'development' });
 * keys.phi.grantEncryptDecrypt(role);
 * ```
 * @module
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** `alias/serenya-<stage>-<purpose>`: the alias of each key of a stage (the stack outputs some). */
export function keyAlias(stage: string, purpose: string): string {
  return `alias/serenya-${stage}-${purpose}`;
}

export interface SerenyaKeysProps {
  readonly stage: string;
}

export class SerenyaKeys extends Construct {
  readonly phi: Key;
  readonly documents: Key;
  readonly logs: Key;
  readonly rdsStorage: Key;
  readonly alarms: Key;
  readonly webConsole: Key;
  readonly backup: Key;
  readonly accessToken: Key;

  constructor(scope: Construct, id: string, props: SerenyaKeysProps) {
    super(scope, id);
    const symmetric = (keyId: string, purpose: string): Key =>
      new Key(this, keyId, {
        alias: keyAlias(props.stage, purpose),
        description: `Serenya ${props.stage}: ${purpose}`,
        enableKeyRotation: true,
        // A deleted key makes everything it encrypted unreadable: keep it, and wait the maximum.
        removalPolicy: RemovalPolicy.RETAIN,
        pendingWindow: Duration.days(30),
      });

    this.phi = symmetric('PhiKey', 'phi');
    this.documents = symmetric('DocumentsKey', 'documents');
    this.logs = symmetric('LogsKey', 'logs');
    this.rdsStorage = symmetric('RdsStorageKey', 'rds-storage');
    this.alarms = symmetric('AlarmsKey', 'alarms');
    this.webConsole = symmetric('WebConsoleKey', 'web-console');
    this.backup = symmetric('BackupKey', 'backup');
    this.accessToken = new Key(this, 'AccessTokenKey', {
      alias: keyAlias(props.stage, 'access-token'),
      description: `Serenya ${props.stage}: signs access tokens (RS256)`,
      keySpec: KeySpec.RSA_2048,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    admitLogDelivery(this.logs);
    admitAlarmNotifications(this.alarms);
  }
}

/**
 * CloudWatch Logs may use `key` for this account's log groups in the key's region (the logs key
 * here; the WAF logs key of the us-east-1 stack).
 */
export function admitCloudWatchLogs(key: Key): void {
  const region = Stack.of(key).region;
  admitService(key, 'CloudWatchLogsEncryptsThisAccountsLogGroups', `logs.${region}.amazonaws.com`, ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], {
    ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:log-group:*` },
  });
}

/**
 * CloudWatch Logs (only for this account's log groups in this region), CloudTrail (only for
 * trails of this account) and S3 server access logging may use the logs key.
 */
function admitLogDelivery(key: Key): void {
  admitCloudWatchLogs(key);
  admitService(key, 'CloudTrailEncryptsThisAccountsTrails', 'cloudtrail.amazonaws.com', ['kms:GenerateDataKey*', 'kms:DescribeKey'], {
    StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*` },
  });
  admitService(key, 'S3ServerAccessLoggingWritesEncryptedLogs', 'logging.s3.amazonaws.com', ['kms:GenerateDataKey*', 'kms:Decrypt'], fromThisAccount());
}

/** CloudWatch alarms publish to KMS-encrypted topics only if CloudWatch may use the key. */
function admitAlarmNotifications(key: Key): void {
  admitService(key, 'CloudWatchAlarmsPublishToEncryptedTopics', 'cloudwatch.amazonaws.com', ['kms:Decrypt', 'kms:GenerateDataKey*'], fromThisAccount());
}

/** A key policy statement letting an AWS service use `key` under `conditions` (in a key policy, resource "*" means this key). */
function admitService(key: Key, sid: string, service: string, actions: string[], conditions: Record<string, unknown>): void {
  key.addToResourcePolicy(new PolicyStatement({ sid, effect: Effect.ALLOW, principals: [new ServicePrincipal(service)], actions, resources: ['*'], conditions }));
}

function fromThisAccount(): Record<string, unknown> {
  return { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };
}
