import { GetBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { getTestBackend } from './backend.ts';
import { awsClientConfig, createDocumentResources } from './document-resources.ts';

describe('createDocumentResources', () => {
  it('creates a KMS-encrypted bucket and a queue with a 3-receive dead-letter queue, uniquely named', async () => {
    const { aws } = getTestBackend();
    const a = await createDocumentResources(aws);
    const b = await createDocumentResources(aws);
    expect(a.bucket).not.toBe(b.bucket);
    const s3 = new S3Client({ ...awsClientConfig(aws), forcePathStyle: true });
    const sqs = new SQSClient(awsClientConfig(aws));
    try {
      const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: a.bucket }));
      expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: a.documentsKeyArn });
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: a.queueUrl, AttributeNames: ['RedrivePolicy'] }));
      expect(JSON.parse(Attributes!.RedrivePolicy!)).toMatchObject({ maxReceiveCount: 3 });
      expect(a.environment).toMatchObject({ DOCUMENTS_BUCKET: a.bucket, PROCESSING_QUEUE_URL: a.queueUrl, PHI_KMS_KEY_ARN: a.phiKeyArn });
    } finally {
      s3.destroy();
      sqs.destroy();
    }
  });
});
