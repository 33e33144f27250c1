/**
 * RDS IAM authentication: the database password is a SigV4-presigned token, signed locally with
 * the function's role credentials (no network call), valid for 15 minutes. pg asks for the
 * password once per new connection, so every connection gets a fresh token and none outlives
 * its credentials; an open connection is unaffected when its token later expires.
 *
 * @example
 * ```ts
 * const target = iamAuthTarget('postgresql://serenya_app@proxy.example:5432/serenya');
 * const password = rdsAuthTokenProvider(target, 'eu-west-1');
 * new pg.Pool({ ...target.connection, password, ssl: { rejectUnauthorized: true } });
 * ```
 * @module
 */
import { Signer, type SignerConfig } from '@aws-sdk/rds-signer';

/** PostgreSQL's default port, used when the URL names none. */
const DEFAULT_PORT = 5432;

/** Where an IAM-authenticated connection goes, from a password-less postgres:// URL. */
export interface IamAuthTarget {
  hostname: string;
  port: number;
  username: string;
  database: string;
}

/**
 * Reads host, port, user and database from the URL. pg lets connection-string values override
 * explicit options (an empty password included), so IAM mode passes these as options instead.
 *
 * @example
 * ```ts
 * iamAuthTarget('postgresql://serenya_app@db.example/serenya'); // { hostname: 'db.example', port: 5432, username: 'serenya_app', database: 'serenya' }
 * ```
 */
export function iamAuthTarget(url: string): IamAuthTarget {
  const parsed = new URL(url);
  const username = decodeURIComponent(parsed.username);
  if (username === '') throw new Error('DATABASE_URL must name the database user for IAM authentication');
  return {
    hostname: parsed.hostname,
    port: parsed.port === '' ? DEFAULT_PORT : Number(parsed.port),
    username,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
  };
}

/**
 * A pg `password` function that signs a new RDS auth token on every call.
 *
 * @param target - host, port and user the token is bound to (RDS checks all three)
 * @param region - the database's region (AWS_REGION in Lambda)
 * @param credentials - defaults to the SDK's provider chain (the Lambda role)
 * @example
 * ```ts
 * const token = await rdsAuthTokenProvider(target, 'eu-west-1')(); // 'host:5432/?Action=connect&DBUser=…&X-Amz-Signature=…'
 * ```
 */
export function rdsAuthTokenProvider(
  target: IamAuthTarget,
  region: string,
  credentials?: SignerConfig['credentials'],
): () => Promise<string> {
  const signer = new Signer({ hostname: target.hostname, port: target.port, username: target.username, region, ...(credentials ? { credentials } : {}) });
  return () => signer.getAuthToken();
}
