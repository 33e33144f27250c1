/**
 * The KMS client: the bare `KMSClient`, used with the commands a caller imports, not the `KMS`
 * aggregate, which references every KMS command and so keeps them all in any bundle that
 * includes the SDK. Region from config; endpoint from the environment (see `clients.ts`).
 *
 * @example
 * ```ts
 * const { PublicKey } = await kmsClient().send(new GetPublicKeyCommand({ KeyId }));
 * ```
 * @module
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { awsConfig } from '../config/aws-config.ts';
import { once } from '../config/load-config.ts';

/**
 * A new KMS client (3 attempts).
 *
 * @example
 * ```ts
 * const kms = createKmsClient();
 * ```
 */
export function createKmsClient(): KMSClient {
  return new KMSClient({ region: awsConfig().region, maxAttempts: 3 });
}

/**
 * The process's KMS client. Pure: a bundle that never calls it drops it (see `clients.ts`).
 *
 * @example
 * ```ts
 * await kmsClient().send(new SignCommand({ KeyId, Message, SigningAlgorithm }));
 * ```
 */
export const kmsClient = /* @__PURE__ */ once(createKmsClient);
