/**
 * PostgreSQL connection settings. Defaults are the original design's pool values
 * (max 20, idle 30 s, connect timeout 2 s); TLS is verified unless turned off explicitly,
 * which only the local embedded backend does.
 * @module
 */
import { z } from 'zod';
import { loadConfig, once, type Environment } from './load-config.ts';

const schema = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    DATABASE_SSL: z.enum(['disable', 'require', 'verify-full']).default('verify-full'),
    DATABASE_SSL_CA_FILE: z.string().optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(20),
    DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
    DATABASE_CONNECT_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  })
  .transform((env) => ({
    url: env.DATABASE_URL,
    ssl: env.DATABASE_SSL,
    sslCaFile: env.DATABASE_SSL_CA_FILE,
    poolMax: env.DATABASE_POOL_MAX,
    idleTimeoutMs: env.DATABASE_IDLE_TIMEOUT_MS,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    connectRetries: env.DATABASE_CONNECT_RETRIES,
  }));

export type DatabaseConfig = z.output<typeof schema>;

export function readDatabaseConfig(env?: Environment): DatabaseConfig {
  return loadConfig('database', schema, env);
}

export const databaseConfig = once(() => readDatabaseConfig());
