/**
 * One pg Pool per process (Lambda container), sized and timed from {@link DatabaseConfig}:
 * max 20 connections, idle 30 s, 2 s to connect, TLS as configured.
 * @module
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { DatabaseConfig } from '../config/database-config.ts';

export function tlsOptions(config: DatabaseConfig): pg.PoolConfig['ssl'] {
  switch (config.ssl) {
    case 'disable':
      return false;
    case 'require':
      // Encrypted, certificate not checked: libpq's sslmode=require.
      return { rejectUnauthorized: false };
    case 'verify-full':
      return config.sslCaFile ? { rejectUnauthorized: true, ca: readFileSync(config.sslCaFile, 'utf8') } : { rejectUnauthorized: true };
  }
}

export function createPool(config: DatabaseConfig): pg.Pool {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolMax,
    idleTimeoutMillis: config.idleTimeoutMs,
    connectionTimeoutMillis: config.connectTimeoutMs,
    ssl: tlsOptions(config),
    application_name: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'serenya',
  });
  // An idle client whose server went away must not crash the process; the next connect retries.
  pool.on('error', () => undefined);
  return pool;
}
