/**
 * PostgreSQL connection settings. Defaults are the original design's pool values
 * (max 20, idle 30 s, connect timeout 2 s); TLS is verified unless turned off explicitly,
 * which only the local embedded backend does.
 *
 * `DATABASE_IAM_AUTH=true` (AWS, through RDS Proxy): the URL names the user but carries no
 * password; each new connection signs a 15-minute RDS IAM auth token instead (see
 * ../db/rds-iam-auth-token.ts), so no database password exists in the functions at all.
 *
 * @example
 * ```ts
 * readDatabaseConfig({ DATABASE_URL: 'postgresql://serenya_app@proxy.example:5432/serenya', DATABASE_IAM_AUTH: 'true' }).iamAuth; // true
 * ```
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from './load-config.ts';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const schema = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    DATABASE_SSL: z.enum(['disable', 'require', 'verify-full']).default('verify-full'),
    DATABASE_SSL_CA_FILE: z.string().optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(20),
    DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
    DATABASE_CONNECT_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
    DATABASE_IAM_AUTH: flag.default(false),
  })
  // A password in the URL would silently win over the token (pg's connection-string values
  // override explicit options), so IAM mode refuses one instead of ignoring it.
  .refine((env) => !env.DATABASE_IAM_AUTH || !hasPassword(env.DATABASE_URL), {
    path: ['DATABASE_URL'],
    message: 'must not carry a password when DATABASE_IAM_AUTH is true (the IAM auth token is the password)',
  })
  // Without TLS RDS refuses IAM auth tokens anyway; failing here names the variable.
  .refine((env) => !env.DATABASE_IAM_AUTH || env.DATABASE_SSL !== 'disable', {
    path: ['DATABASE_SSL'],
    message: 'must not be disable when DATABASE_IAM_AUTH is true (RDS accepts IAM tokens over TLS only)',
  })
  .transform((env) => ({
    url: env.DATABASE_URL,
    ssl: env.DATABASE_SSL,
    sslCaFile: env.DATABASE_SSL_CA_FILE,
    poolMax: env.DATABASE_POOL_MAX,
    idleTimeoutMs: env.DATABASE_IDLE_TIMEOUT_MS,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    connectRetries: env.DATABASE_CONNECT_RETRIES,
    iamAuth: env.DATABASE_IAM_AUTH,
  }));

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

export type DatabaseConfig = z.output<typeof schema>;

export function readDatabaseConfig(env?: Environment): DatabaseConfig {
  return loadConfig('database', schema, env);
}

export const databaseConfig = once(() => readDatabaseConfig());
