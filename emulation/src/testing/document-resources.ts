/**
 * Creates, in moto, the AWS resources the document pipeline uses, with unique names per test
 * file: the temp bucket (versioned, default SSE-KMS under the documents key), the processing queue with
 * its dead-letter queue (3 receives), the documents key and the PHI (database) key. Returns
 * them and the environment a service reads them from.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketEncryptionCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig, type AwsEndpoint } from '../backends/embedded.ts';

export interface DocumentResources {
  bucket: string;
  queueUrl: string;
  deadLetterQueueUrl: string;
  documentsKeyArn: string;
  phiKeyArn: string;
  /** DOCUMENTS_BUCKET, DOCUMENTS_KMS_KEY_ID, PROCESSING_QUEUE_URL, PHI_KMS_KEY_ARN. */
  environment: Record<string, string>;
}

export interface DocumentResourceOptions {
  /** Receives before a message moves to the dead-letter queue (the platform's value: 3). */
  maxReceiveCount?: number;
  /** Queue visibility timeout in seconds (the platform: 6× the processor's timeout). */
  visibilityTimeoutSeconds?: number;
}

/** Where the services' tests have always imported it from. */
export { awsClientConfig };

/**
 * @example
 * ```ts
 * const resources = await createDocumentResources(getTestBackend().aws);
 * for (const [k, v] of Object.entries(resources.environment)) vi.stubEnv(k, v);
 * ```
 */
export async function createDocumentResources(aws: AwsEndpoint, options: DocumentResourceOptions = {}): Promise<DocumentResources> {
  const suffix = randomBytes(4).toString('hex');
  const config = awsClientConfig(aws);
  const kms = new KMSClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const sqs = new SQSClient(config);
  try {
    const createKey = async (purpose: string) => {
      const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: `serenya ${purpose} key (test ${suffix})` }));
      await kms.send(new CreateAliasCommand({ AliasName: `alias/serenya-${purpose}-${suffix}`, TargetKeyId: KeyMetadata!.KeyId! }));
      return KeyMetadata!.Arn!;
    };
    const [documentsKeyArn, phiKeyArn] = await Promise.all([createKey('documents'), createKey('database')]);

    const bucket = `serenya-temp-${suffix}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: aws.region as never } }));
    // Versioned, as every bucket of the template is: a plain delete leaves the bytes behind.
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: documentsKeyArn }, BucketKeyEnabled: true }] },
      }),
    );

    const { QueueUrl: deadLetterQueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `serenya-processing-dlq-${suffix}` }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['QueueArn'] }));
    const { QueueUrl: queueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: `serenya-processing-${suffix}`,
        Attributes: {
          VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: options.maxReceiveCount ?? 3 }),
        },
      }),
    );

    return {
      bucket,
      queueUrl: queueUrl!,
      deadLetterQueueUrl: deadLetterQueueUrl!,
      documentsKeyArn,
      phiKeyArn,
      environment: {
        DOCUMENTS_BUCKET: bucket,
        DOCUMENTS_KMS_KEY_ID: documentsKeyArn,
        PROCESSING_QUEUE_URL: queueUrl!,
        PHI_KMS_KEY_ARN: phiKeyArn,
      },
    };
  } finally {
    kms.destroy();
    s3.destroy();
    sqs.destroy();
  }
}
