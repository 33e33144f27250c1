import { describe, expect, it, vi } from 'vitest';
import { readDatabaseConfig } from '../config/database-config.ts';
import { connectionOptions, createPool, tlsOptions } from './create-pool.ts';

describe('createPool', () => {
  it("uses the design's pool values", async () => {
    const pool = createPool(readDatabaseConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', DATABASE_SSL: 'disable' }));
    expect(pool.options).toMatchObject({ max: 20, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 2_000, ssl: false });
    await pool.end();
  });

  it('verifies the server certificate unless told otherwise', () => {
    const base = { DATABASE_URL: 'postgres://u@h/db' };
    expect(tlsOptions(readDatabaseConfig(base))).toEqual({ rejectUnauthorized: true });
    expect(tlsOptions(readDatabaseConfig({ ...base, DATABASE_SSL: 'require' }))).toEqual({ rejectUnauthorized: false });
    expect(tlsOptions(readDatabaseConfig({ ...base, DATABASE_SSL: 'disable' }))).toBe(false);
  });
});

describe('createPool with RDS IAM auth', () => {
  const iam = { DATABASE_URL: 'postgresql://serenya_app@proxy.example:5432/serenya', DATABASE_SSL: 'verify-full', DATABASE_IAM_AUTH: 'true' };

  it('passes the URL through unchanged without IAM auth', () => {
    expect(connectionOptions(readDatabaseConfig({ DATABASE_URL: 'postgres://u:p@h:1/db' }))).toEqual({ connectionString: 'postgres://u:p@h:1/db' });
  });

  it('connects with the URL parts and a token function, never a connection string', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    try {
      const options = connectionOptions(readDatabaseConfig(iam), () => 'eu-west-1');
      expect(options).toMatchObject({ host: 'proxy.example', port: 5432, user: 'serenya_app', database: 'serenya' });
      expect(options.connectionString).toBeUndefined();
      const password = options.password as () => Promise<string>;
      expect(await password()).toMatch(/^proxy\.example:5432\/\?.*DBUser=serenya_app/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('builds a pool whose password is the token function', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    try {
      const pool = createPool(readDatabaseConfig(iam));
      expect(typeof pool.options.password).toBe('function');
      expect(pool.options).toMatchObject({ host: 'proxy.example', user: 'serenya_app', ssl: { rejectUnauthorized: true } });
      await pool.end();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
