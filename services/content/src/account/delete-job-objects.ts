/**
 * Deletes uploaded originals from the temp bucket by key, in DeleteObjects batches of 1,000.
 * A key that is already gone is fine (S3 answers a missing key as deleted; a `NoSuchKey` error
 * is ignored too); any other per-key error fails the call, so the erasure can be repeated.
 * @module
 */
import { DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';

const BATCH_SIZE = 1_000;

export async function deleteJobObjects(s3: S3Client, bucket: string, keys: readonly string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += BATCH_SIZE) {
    const batch = keys.slice(start, start + BATCH_SIZE);
    const { Errors = [] } = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    const failed = Errors.filter((error) => error.Code !== 'NoSuchKey');
    if (failed.length > 0) throw new Error(`S3 refused to delete ${failed.length} object(s): ${[...new Set(failed.map((e) => e.Code))].join(', ')}`);
  }
}
