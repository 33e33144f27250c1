/**
 * The only place AWS SDK clients are built: one per process, region from config. Endpoints
 * are never set here: the SDK reads AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> itself, so
 * the same code talks to AWS, LocalStack or moto depending on the environment alone.
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

export const kmsClient = once(() => new KMSClient({ region: awsConfig().region, maxAttempts: 3 }));
