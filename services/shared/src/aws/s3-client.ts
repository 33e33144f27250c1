/**
 * The S3 client (temp documents bucket). Region from config; endpoint from the environment (see
 * `clients.ts`). Path-style addressing works with IP endpoints such as moto's.
 *
 * @example
 * ```ts
 * await s3Client().send(new GetObjectCommand({ Bucket, Key }));
 * ```
 * @module
 */
import { S3Client } from '@aws-sdk/client-s3';
import { awsConfig } from '../config/aws-config.ts';
import { once } from '../config/load-config.ts';

/**
 * A new S3 client (3 attempts).
 *
 * @example
 * ```ts
 * const s3 = createS3Client();
 * ```
 */
export function createS3Client(): S3Client {
  return new S3Client({ region: awsConfig().region, maxAttempts: 3 });
}

/**
 * The process's S3 client. Pure: a bundle that never calls it drops it.
 *
 * @example
 * ```ts
 * const store = createS3DocumentStore(s3Client(), bucket);
 * ```
 */
export const s3Client = /* @__PURE__ */ once(createS3Client);
