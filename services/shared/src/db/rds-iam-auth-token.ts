/**
 * RDS IAM authentication: the database password is a SigV4-presigned token, signed locally with
 * the function's role credentials (no network call), valid for 15 minutes. pg asks for the
 * password once per new connection, so every connection gets a fresh token and none outlives
 * its credentials; an open connection is unaffected when its token later expires.
 *
 * Written on `@smithy/signature-v4` (the SigV4 signer every AWS SDK client uses) rather than
 * `@aws-sdk/rds-signer`: that package pulls in `@aws-sdk/credential-providers` (with a Cognito
 * client), about 280 KiB in every function bundle, only to find credentials that Lambda always
 * puts in the environment. rds-iam-auth-token.test.ts checks the token equals rds-signer's, byte
 * for byte.
 *
 * @example
 * ```ts
 * const target = iamAuthTarget('postgresql://serenya_app@proxy.example:5432/serenya');
 * const password = rdsAuthTokenProvider(target, 'eu-west-1');
 * new pg.Pool({ ...target.connection, password, ssl: { rejectUnauthorized: true } });
 * ```
 * @module
 */
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

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

/** AWS credentials as SigV4 needs them. */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** How long a token is accepted for connecting (RDS's fixed 15 minutes). */
const TOKEN_LIFETIME_SECONDS = 900;

/** The function role's credentials: Lambda sets them in the environment of every invocation. */
function credentialsFromEnvironment(): SigningCredentials {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) throw new Error('RDS IAM authentication needs AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** SHA-256 (keyed: HMAC) for the signer, on node:crypto. */
class Sha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret as ArrayBuffer));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.#hash.digest());
  }
}

/**
 * A pg `password` function that signs a new RDS auth token on every call.
 *
 * @param target - host, port and user the token is bound to (RDS checks all three)
 * @param region - the database's region (AWS_REGION in Lambda)
 * @param credentials - defaults to the function role's credentials from the environment
 * @example
 * ```ts
 * const token = await rdsAuthTokenProvider(target, 'eu-west-1')(); // 'host:5432/?Action=connect&DBUser=…&X-Amz-Signature=…'
 * ```
 */
export function rdsAuthTokenProvider(target: IamAuthTarget, region: string, credentials?: SigningCredentials): () => Promise<string> {
  const signer = new SignatureV4({ service: 'rds-db', region, sha256: Sha256, credentials: () => Promise.resolve(credentials ?? credentialsFromEnvironment()) });
  return async () => {
    const presigned = await signer.presign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname: target.hostname,
        port: target.port,
        path: '/',
        query: { Action: 'connect', DBUser: target.username },
        headers: { host: `${target.hostname}:${target.port}` },
      },
      { expiresIn: TOKEN_LIFETIME_SECONDS },
    );
    // Keys sorted, as the SDK formats a presigned URL (and so as rds-signer's token reads).
    const query = Object.entries(presigned.query ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
      .join('&');
    return `${target.hostname}:${target.port}/?${query}`;
  };
}
