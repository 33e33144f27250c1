/**
 * The KMS key that wraps the data keys of PHI columns (the database key). A key or alias ARN:
 * the Encryption SDK's KMS keyring needs the region inside the identifier.
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from './load-config.ts';

const schema = z
  .object({
    PHI_KMS_KEY_ARN: z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/, 'must be a KMS key or alias ARN'),
    PHI_DATA_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
    PHI_DATA_KEY_CACHE_MESSAGES: z.coerce.number().int().min(1).default(1000),
  })
  .transform((env) => ({
    keyArn: env.PHI_KMS_KEY_ARN,
    cacheMaxAgeSeconds: env.PHI_DATA_KEY_CACHE_SECONDS,
    cacheMaxMessages: env.PHI_DATA_KEY_CACHE_MESSAGES,
  }));

export type PhiEncryptionConfig = z.output<typeof schema>;

export function readPhiEncryptionConfig(env?: Environment): PhiEncryptionConfig {
  return loadConfig('PHI encryption', schema, env);
}

export const phiEncryptionConfig = once(() => readPhiEncryptionConfig());
