/**
 * The temp bucket as the processor sees it: read an uploaded original into memory, delete it
 * after success. The bytes are never written to disk or logged; the bucket encrypts them at
 * rest (SSE-KMS under the documents key) and its lifecycle rule expires what is left behind.
 * The bucket is versioned, so a delete removes every version: a plain delete would only hide
 * the report behind a delete marker for another day.
 *
 * @example
 * ```ts
 * const store = createS3DocumentStore(s3Client(), documentsConfig().bucket);
 * const bytes = await store.read(job.object_key); // throws DocumentMissingError when gone
 * await store.delete(job.object_key);
 * ```
 * @module
 */
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { deleteEveryVersion } from '#shared/storage/delete-every-version.ts';

/**
 * The object is not in the bucket (expired by the lifecycle rule, or deleted): no retry can
 * bring it back.
 *
 * @example
 * ```ts
 * if (error instanceof DocumentMissingError) failJob(db, jobId, 'PROCESSING_FAILED', false);
 * ```
 */
export class DocumentMissingError extends Error {
  constructor(options?: ErrorOptions) {
    super('the uploaded document is no longer in the temp bucket', options);
    this.name = 'DocumentMissingError';
  }
}

/**
 * Reads and deletes uploaded originals.
 *
 * @example
 * ```ts
 * const bytes = await store.read('jobs/3f1c…_original');
 * ```
 */
export interface DocumentStore {
  /** The object's bytes; throws {@link DocumentMissingError}, or the S3 error for anything else. */
  read(key: string): Promise<Uint8Array>;
  /** Deletes every version of the object (deleting a missing one succeeds, as in S3). */
  delete(key: string): Promise<void>;
}

/**
 * A {@link DocumentStore} on `bucket`.
 *
 * @example
 * ```ts
 * const store = createS3DocumentStore(new S3Client({ forcePathStyle: true }), 'serenya-temp-dev');
 * ```
 */
export function createS3DocumentStore(s3: Pick<S3Client, 'send'>, bucket: string): DocumentStore {
  return {
    async read(key) {
      try {
        const output = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (output.Body === undefined) throw new DocumentMissingError();
        return await output.Body.transformToByteArray();
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: unknown } | null)?.name === 'NoSuchKey') throw new DocumentMissingError({ cause: error });
        throw error;
      }
    },
    async delete(key) {
      await deleteEveryVersion(s3, bucket, [key]);
    },
  };
}
