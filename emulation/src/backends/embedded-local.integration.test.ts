import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedLocalBackend } from './embedded-local.ts';
import { prepareLocalDatabase } from './local-backend.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serenya-embedded-local-'));
  await chmod(dir, 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the embedded backend of npm run local', () => {
  it('keeps the database between runs, migrates only once, and starts empty with fresh', { timeout: 120_000 }, async () => {
    const postgresDir = join(dir, 'postgres');
    const first = await startEmbeddedLocalBackend({ postgresDir });
    try {
      expect(first.postgres.created).toBe(true);
      const prepared = await prepareLocalDatabase(first.postgres.adminUrl);
      expect(prepared.migrationsApplied.length).toBeGreaterThan(0);
      await query(prepared.adminUrl, 'CREATE TABLE kept_between_runs (id int)');
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedLocalBackend({ postgresDir });
    try {
      expect(second.postgres.created).toBe(false);
      const prepared = await prepareLocalDatabase(second.postgres.adminUrl);
      expect(prepared.migrationsApplied).toEqual([]);
      expect((await query(prepared.adminUrl, "SELECT to_regclass('kept_between_runs') AS t")).rows[0]).toEqual({ t: 'kept_between_runs' });
      // The app login role works with this run's password.
      expect((await query(prepared.appUrl, 'SELECT current_user AS u')).rows[0]).toEqual({ u: 'serenya_app_user' });
    } finally {
      await second.stop();
    }

    const fresh = await startEmbeddedLocalBackend({ postgresDir, fresh: true });
    try {
      expect(fresh.postgres.created).toBe(true);
    } finally {
      await fresh.stop();
    }
  });

  it('run as root, refuses a data dir the postgres user cannot reach, saying what to do', async (context) => {
    if (process.getuid?.() !== 0) context.skip('not running as root: PostgreSQL runs as this user');
    const closed = await mkdtemp(join(tmpdir(), 'serenya-closed-'));
    try {
      await expect(startEmbeddedLocalBackend({ postgresDir: join(closed, 'postgres') })).rejects.toThrow(/cannot enter .*serenya-closed-.* Set SERENYA_LOCAL_DIR/);
      // A fallback out of reach too is no way out.
      await expect(startEmbeddedLocalBackend({ postgresDir: join(closed, 'postgres'), fallbackPostgresDir: join(closed, 'fallback') })).rejects.toThrow(/cannot enter .*serenya-closed-/);
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  });

  it('run as root, keeps the cluster in the fallback folder when the postgres user cannot reach the data dir', { timeout: 120_000 }, async (context) => {
    if (process.getuid?.() !== 0) context.skip('not running as root: PostgreSQL runs as this user');
    const closed = await mkdtemp(join(tmpdir(), 'serenya-closed-'));
    const fallback = join(dir, 'fallback', 'postgres');
    try {
      const backend = await startEmbeddedLocalBackend({ postgresDir: join(closed, 'postgres'), fallbackPostgresDir: fallback });
      try {
        expect(backend.postgres.location).toBe(fallback);
        const prepared = await prepareLocalDatabase(backend.postgres.adminUrl);
        expect((await query(prepared.appUrl, 'SELECT current_user AS u')).rows[0]).toEqual({ u: 'serenya_app_user' });
      } finally {
        await backend.stop();
      }
      expect(await readdir(join(fallback, 'data'))).toContain('PG_VERSION');
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  });
});
