/**
 * One pg Pool per process (Lambda container), sized and timed from {@link DatabaseConfig}:
 * max 20 connections, idle 30 s, 2 s to connect, TLS as configured. With IAM auth
 * (`DATABASE_IAM_AUTH=true`) the password is an RDS auth token signed per new connection.
 * @module
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { readAwsConfig } from '../config/aws-config.ts';
import type { DatabaseConfig } from '../config/database-config.ts';
import { iamAuthTarget, rdsAuthTokenProvider } from './rds-iam-auth-token.ts';

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

/**
 * Who to connect as and how to prove it: the URL as is, or (IAM auth) its parts plus a token
 * function, since pg lets connection-string values override an explicit `password`.
 */
export function connectionOptions(config: DatabaseConfig, region: () => string = () => readAwsConfig().region): pg.PoolConfig {
  if (!config.iamAuth) return { connectionString: config.url };
  const target = iamAuthTarget(config.url);
  return {
    host: target.hostname,
    port: target.port,
    user: target.username,
    database: target.database,
    password: rdsAuthTokenProvider(target, region()),
  };
}

export function createPool(config: DatabaseConfig): pg.Pool {
  const pool = new pg.Pool({
    ...connectionOptions(config),
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
