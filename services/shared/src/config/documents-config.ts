/**
 * Where uploaded documents go: the temp bucket, the KMS key S3 encrypts them under, the
 * processing queue, and the upload size limit (4.5 MB, see {@link UPLOAD_LIMIT_BYTES}).
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from './load-config.ts';

/**
 * The largest file an upload may carry: 4,500,000 bytes ("4.5 MB"), the default and the
 * ceiling of `MAX_UPLOAD_BYTES` (the variable can only lower it). Two limits outside our code
 * meet here:
 * - In AWS the documents function sits behind an API Gateway HTTP API (payload format 2.0),
 *   which base64-encodes a multipart body into the Lambda event, and Lambda refuses a
 *   synchronous invoke whose event JSON exceeds 6 MB (6,291,456 bytes) before our code runs
 *   (the client gets the gateway's bare 413, not FILE_TOO_LARGE). Base64 costs 4/3: the file
 *   plus the multipart framing, encoded, plus the event's headers (the JWT among them) must fit
 *   under 6 MB. At 5 MB the event alone is ~6.7 MB; at 4.5 MB it is ~6.1 MB.
 * - Converse refuses a document over 4.5 MB (BEDROCK.md §2.8), so a larger PDF would be
 *   accepted here and fail later as DOCUMENT_UNREADABLE.
 * `services/documents/src/domain/upload-limits.test.ts` checks both sums.
 */
export const UPLOAD_LIMIT_BYTES = 4_500_000;

const schema = z
  .object({
    DOCUMENTS_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
    DOCUMENTS_KMS_KEY_ID: z.string().min(1),
    PROCESSING_QUEUE_URL: z.url(),
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(UPLOAD_LIMIT_BYTES, `must be at most ${String(UPLOAD_LIMIT_BYTES)} (the HTTP API event and Converse limits)`)
      .default(UPLOAD_LIMIT_BYTES),
  })
  .transform((env) => ({
    bucket: env.DOCUMENTS_BUCKET,
    kmsKeyId: env.DOCUMENTS_KMS_KEY_ID,
    queueUrl: env.PROCESSING_QUEUE_URL,
    maxUploadBytes: env.MAX_UPLOAD_BYTES,
  }));

export type DocumentsConfig = z.output<typeof schema>;

export function readDocumentsConfig(env?: Environment): DocumentsConfig {
  return loadConfig('documents', schema, env);
}

export const documentsConfig = once(() => readDocumentsConfig());
