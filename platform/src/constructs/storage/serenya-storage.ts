/**
 * The stage's buckets:
 *
 * | bucket | holds | key | lifecycle |
 * |---|---|---|---|
 * | temp documents | uploaded lab reports until processed (PHI) | documents | current and noncurrent versions expire after 1 day (a backstop: the processor deletes on success) |
 * | access logs | S3 server access logs of the other buckets | logs | kept for the log retention |
 * | CloudTrail | the audit trail's log files | logs | noncurrent versions after the log retention |
 * | web console | the static web console, served by CloudFront through OAC | web console | noncurrent versions after 30 days |
 *
 * @example
 * ```ts
 * const storage = new SerenyaStorage(this, 'Storage', { keys, logRetentionDays: 365 });
 * storage.tempDocuments.grantRead(processorRole);
 * ```
 * @module
 */
import { Duration } from 'aws-cdk-lib';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { SerenyaKeys } from '../keys/serenya-keys.ts';
import { SecureBucket } from './secure-bucket.ts';

/** The temp bucket's request-metrics filter over the whole bucket (the dashboard's `AllRequests`). */
export const REQUEST_METRICS_FILTER_ID = 'EntireBucket';

export interface SerenyaStorageProps {
  readonly keys: SerenyaKeys;
  readonly logRetentionDays: number;
}

export class SerenyaStorage extends Construct {
  readonly accessLogs: Bucket;
  readonly tempDocuments: Bucket;
  readonly cloudTrail: Bucket;
  readonly webConsole: Bucket;

  constructor(scope: Construct, id: string, props: SerenyaStorageProps) {
    super(scope, id);
    const retention = Duration.days(props.logRetentionDays);

    this.accessLogs = new SecureBucket(this, 'AccessLogs', {
      encryptionKey: props.keys.logs,
      lifecycleRules: [{ id: 'ExpireAccessLogs', expiration: retention, noncurrentVersionExpiration: Duration.days(1) }],
    }).bucket;

    this.tempDocuments = new SecureBucket(this, 'TempDocuments', {
      encryptionKey: props.keys.documents,
      accessLogs: { bucket: this.accessLogs, prefix: 'temp-documents/' },
      metrics: [{ id: REQUEST_METRICS_FILTER_ID }],
      lifecycleRules: [
        {
          // ORIGINAL-DESIGN.md DeleteProcessedDocuments: one day, for every version.
          id: 'DeleteProcessedDocuments',
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        // Expiry leaves delete markers behind on a versioned bucket; remove them once alone.
        { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
      ],
    }).bucket;

    this.cloudTrail = new SecureBucket(this, 'CloudTrail', {
      encryptionKey: props.keys.logs,
      accessLogs: { bucket: this.accessLogs, prefix: 'cloudtrail/' },
      lifecycleRules: [{ id: 'ExpireOldTrailVersions', noncurrentVersionExpiration: retention }],
    }).bucket;

    this.webConsole = new SecureBucket(this, 'WebConsole', {
      encryptionKey: props.keys.webConsole,
      accessLogs: { bucket: this.accessLogs, prefix: 'web-console/' },
      lifecycleRules: [{ id: 'ExpireOldAssetVersions', noncurrentVersionExpiration: Duration.days(30) }],
    }).bucket;
  }
}
