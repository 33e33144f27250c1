/**
 * Deletes objects for good: every version and delete marker of each key, in DeleteObjects
 * batches of 1,000. Every bucket is versioned (platform SecureBucket): a delete without a
 * version id only stacks a delete marker on top and leaves the document readable as a
 * noncurrent version until the lifecycle rule expires it a day later, which neither an erasure
 * nor the processor's clean-up of a processed original may do. So each key's versions and delete markers are listed and deleted by version id; on an
 * unversioned bucket the one version is `null` and goes the same way. A key that is already
 * gone lists nothing; any per-object error fails the call, so the caller can repeat it.
 * @module
 */
import { DeleteObjectsCommand, ListObjectVersionsCommand, type ObjectIdentifier, type S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '#shared/content/map-with-concurrency.ts';

const BATCH_SIZE = 1_000;
/** Keys listed at once: erasure passes a user's few jobs a month, the processor one key. */
const LIST_CONCURRENCY = 8;

/** Every version and delete marker of exactly `key` (the prefix may match longer keys). */
async function versionsOf(s3: Pick<S3Client, 'send'>, bucket: string, key: string): Promise<ObjectIdentifier[]> {
  const found: ObjectIdentifier[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
    for (const entry of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
      if (entry.Key === key) found.push({ Key: key, VersionId: entry.VersionId ?? 'null' });
    }
    [keyMarker, versionIdMarker] = page.IsTruncated === true ? [page.NextKeyMarker, page.NextVersionIdMarker] : [undefined, undefined];
  } while (keyMarker !== undefined);
  return found;
}

/**
 * @example
 * ```ts
 * await deleteEveryVersion(s3, 'serenya-temp-dev', ['jobs/3f1c…_original']);
 * ```
 */
export async function deleteEveryVersion(s3: Pick<S3Client, 'send'>, bucket: string, keys: readonly string[]): Promise<void> {
  const objects = (await mapWithConcurrency(keys, LIST_CONCURRENCY, (key) => versionsOf(s3, bucket, key))).flat();
  for (let start = 0; start < objects.length; start += BATCH_SIZE) {
    const batch = objects.slice(start, start + BATCH_SIZE);
    const { Errors = [] } = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }));
    const failed = Errors.filter((error) => error.Code !== 'NoSuchKey' && error.Code !== 'NoSuchVersion');
    if (failed.length > 0) throw new Error(`S3 refused to delete ${failed.length} object version(s): ${[...new Set(failed.map((e) => e.Code))].join(', ')}`);
  }
}
