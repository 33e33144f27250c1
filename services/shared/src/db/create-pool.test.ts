import { describe, expect, it } from 'vitest';
import { readDatabaseConfig } from '../config/database-config.ts';
import { createPool, tlsOptions } from './create-pool.ts';

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
