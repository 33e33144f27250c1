/**
 * The process's PhiCipher, from `PHI_KMS_KEY_ARN`, the cache settings and `AWS_REGION`. One per
 * process (Lambda container), so its data-key cache lives as long as the container.
 * @module
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { awsConfig } from '../config/aws-config.ts';
import { ConfigError, once } from '../config/load-config.ts';
import { phiEncryptionConfig } from '../config/phi-encryption-config.ts';
import { createPhiCipher, parseKeyArn, type PhiCipher } from './phi-cipher.ts';

/**
 * The process's PhiCipher. Throws ConfigError when the key lives outside `AWS_REGION`: the
 * database and its key belong to one region, and a cross-region key would add latency to every
 * read and a second region to every outage.
 *
 * @example
 * ```ts
 * const summary = await phiCipher().decrypt(row.summary_enc, { userId, table: 'contents', rowId: row.id, column: 'summary_enc' });
 * ```
 */
export const phiCipher: () => PhiCipher = once(() => {
  const config = phiEncryptionConfig();
  const { region } = awsConfig();
  if (parseKeyArn(config.keyArn).region !== region) {
    throw new ConfigError('PHI encryption', [{ variable: 'PHI_KMS_KEY_ARN', message: `must be a key in AWS_REGION (${region})` }]);
  }
  return createPhiCipher({ ...config, kmsClient: new KMSClient({ region, maxAttempts: 3 }) });
});
