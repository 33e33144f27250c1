import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from './postgres.ts';

// One server for the whole file (each start runs initdb); the last test stops it.
let server: EmbeddedPostgresServer;

beforeAll(async () => {
  server = await startEmbeddedPostgres({ user: 'admin', password: 'p@ss word/with:specials' });
});
afterAll(() => server.stop());

async function query<Row extends Record<string, unknown>>(sql: string, url = server.adminUrl('postgres')): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  it('runs PostgreSQL 18 on 127.0.0.1 with UTF-8 and scram-sha-256', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.startMs).toBeGreaterThan(0);

    const [row] = await query<{ version: string; major: string; encoding: string; listen: string; password_encryption: string }>(`
      select version() as version,
             current_setting('server_version_num')::int / 10000 as major,
             current_setting('server_encoding') as encoding,
             current_setting('listen_addresses') as listen,
             current_setting('password_encryption') as password_encryption`);

    expect(row?.version).toMatch(/^PostgreSQL 18\./);
    expect(Number(row?.major)).toBe(18);
    expect(row?.encoding).toBe('UTF8');
    expect(row?.listen).toBe('127.0.0.1');
    expect(row?.password_encryption).toBe('scram-sha-256');
  });

  it('logs in the chosen superuser, URL-encoding the password, and rejects a wrong one', async () => {
    expect(await query<{ user: string; superuser: boolean }>(
      `select current_user as user, rolsuper as superuser from pg_roles where rolname = current_user`,
    )).toEqual([{ user: 'admin', superuser: true }]);

    const wrongUrl = server.adminUrl('postgres').replace(encodeURIComponent(server.password), 'wrong');
    await expect(query('select 1', wrongUrl)).rejects.toThrow(/password authentication failed/);
  });

  it('keeps its data in a fresh temp folder that stop() removes, idempotently', async () => {
    expect([tmpdir(), '/dev/shm']).toContain(dirname(server.dataDir));
    expect(basename(server.dataDir)).toMatch(/^serenya-pg-/);
    expect(statSync(server.dataDir).isDirectory()).toBe(true);

    await Promise.all([server.stop(), server.stop()]);
    await server.stop();

    expect(existsSync(server.dataDir)).toBe(false);
    await expect(query('select 1')).rejects.toThrow(/ECONNREFUSED/);
  });
});
