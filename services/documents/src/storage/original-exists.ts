/**
 * Whether a job's original is still in the temp bucket (the processor deletes it after
 * success, lifecycle expiry after some days): a retry without it could only fail again.
 * @module
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * True when the object exists; false when S3 answers 404; throws for anything else (S3
 * unreachable, access denied), which is not an answer about the object.
 *
 * @example
 * ```ts
 * if (!(await originalExists(s3, config.bucket, job.object_key))) throw new AppError('JOB_NOT_RETRYABLE');
 * ```
 */
export async function originalExists(s3: S3Client, bucket: string, objectKey: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}
