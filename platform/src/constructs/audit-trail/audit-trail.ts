/**
 * The HIPAA audit trail (ORIGINAL-DESIGN.md `HIPAACompliantCloudTrail`): multi-region, global
 * service events, log-file validation, encrypted with the logs key, delivered to the CloudTrail
 * bucket under `cloudtrail-logs/` and to a KMS log group (for alarms and queries), with S3 data
 * events on the temp documents bucket and API-call-rate and error-rate insights.
 *
 * The design's `AWS::KMS::Key` data resources are not a CloudTrail data-event type: every KMS
 * call (Decrypt, GenerateDataKey, Sign…) on the PHI and documents keys is a management event,
 * recorded because management events are on and KMS is not excluded.
 *
 * @example
 * ```ts
 * new AuditTrail(this, 'AuditTrail', { stage, bucket: storage.cloudTrail, logsKey: keys.logs, tempDocuments, logRetention });
 * ```
 * @module
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { InsightType, ReadWriteType, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface AuditTrailProps {
  readonly stage: string;
  readonly bucket: IBucket;
  readonly logsKey: IKey;
  readonly tempDocuments: IBucket;
  readonly logRetention: RetentionDays;
}

export class AuditTrail extends Construct {
  readonly trail: Trail;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: `/serenya/${props.stage}/cloudtrail`,
      encryptionKey: props.logsKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.trail = new Trail(this, 'Trail', {
      trailName: `serenya-${props.stage}-hipaa-audit-trail`,
      bucket: props.bucket,
      s3KeyPrefix: 'cloudtrail-logs',
      encryptionKey: props.logsKey,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: this.logGroup,
      managementEvents: ReadWriteType.ALL,
      insightTypes: [InsightType.API_CALL_RATE, InsightType.API_ERROR_RATE],
    });
    this.trail.addS3EventSelector([{ bucket: props.tempDocuments }], { readWriteType: ReadWriteType.ALL, includeManagementEvents: true });
  }
}
