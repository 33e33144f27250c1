/**
 * Puts an uploaded document into the temp bucket at the job's object key, encrypted with
 * SSE-KMS under the documents key. The key is named on every request rather than left to the
 * bucket default, so a bucket whose default changed (or was never set) still gets the right key.
 * @module
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DocumentsConfig } from '#shared/config/documents-config.ts';
import type { DocumentMediaType } from '#shared/db/schema.ts';

export interface OriginalDocument {
  objectKey: string;
  bytes: Uint8Array;
  mediaType: DocumentMediaType;
  /** An opaque user id; metadata never carries names or file names (they may be PHI). */
  userId: string;
  uploadedAt: Date;
}

/**
 * Stores the original; throws whatever S3 throws.
 *
 * @example
 * ```ts
 * await storeOriginal(s3, config, { objectKey: objectKeyFor(job.id), bytes, mediaType: 'application/pdf', userId, uploadedAt: new Date() });
 * ```
 */
export async function storeOriginal(s3: S3Client, config: Pick<DocumentsConfig, 'bucket' | 'kmsKeyId'>, document: OriginalDocument): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: config.bucket,
      Key: document.objectKey,
      Body: document.bytes,
      ContentLength: document.bytes.length,
      ContentType: document.mediaType,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: config.kmsKeyId,
      Metadata: { 'user-id': document.userId, 'uploaded-at': document.uploadedAt.toISOString() },
    }),
  );
}
