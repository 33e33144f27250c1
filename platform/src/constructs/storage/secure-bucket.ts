/**
 * The one way this app makes an S3 bucket: SSE-KMS with a customer key (bucket key on), all
 * public access blocked, TLS-only bucket policy, versioning, object ownership enforced (no ACLs)
 * and server access logs to the access-log bucket (unless it is that bucket). Callers add only
 * what differs: lifecycle, a log prefix.
 *
 * @example
 * ```ts
 * const bucket = new SecureBucket(this, 'Temp', { encryptionKey: keys.documents, accessLogs: { bucket: logBucket, prefix: 'temp/' } });
 * ```
 * @module
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type BucketMetrics, type IBucket, type LifecycleRule } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface SecureBucketProps {
  readonly encryptionKey: IKey;
  /** Where server access logs go; omitted only for the access-log bucket itself. */
  readonly accessLogs?: { readonly bucket: IBucket; readonly prefix: string };
  readonly lifecycleRules?: LifecycleRule[];
  /** CloudWatch request metrics filters (the dashboard's AllRequests needs one). */
  readonly metrics?: BucketMetrics[];
  readonly removalPolicy?: RemovalPolicy;
}

export class SecureBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      ...(props.accessLogs ? { serverAccessLogsBucket: props.accessLogs.bucket, serverAccessLogsPrefix: props.accessLogs.prefix } : {}),
      lifecycleRules: props.lifecycleRules ?? [],
      metrics: props.metrics ?? [],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}
