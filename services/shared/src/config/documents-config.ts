/**
 * Where uploaded documents go: the temp bucket, the KMS key S3 encrypts them under, the
 * processing queue, and the upload size limit (5 MB: under Lambda's 6 MB synchronous payload
 * limit once multipart framing is added).
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from './load-config.ts';

const schema = z
  .object({
    DOCUMENTS_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
    DOCUMENTS_KMS_KEY_ID: z.string().min(1),
    PROCESSING_QUEUE_URL: z.url(),
    MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).max(6 * 1024 * 1024).default(5 * 1024 * 1024),
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
