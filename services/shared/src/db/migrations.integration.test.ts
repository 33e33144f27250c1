import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../emulation/src/testing/backend.ts';
import { readDatabaseConfig } from '../config/database-config.ts';
import { createDatabase, type DatabaseHandle } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';

const run = promisify(execFile);
let testDb: TestDatabase;
let app: DatabaseHandle;
let admin: DatabaseHandle;

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = createDatabase(readDatabaseConfig({ DATABASE_URL: testDb.appUrl, DATABASE_SSL: 'disable' }));
  admin = createDatabase(readDatabaseConfig({ DATABASE_URL: testDb.adminUrl, DATABASE_SSL: 'disable' }));
});
afterAll(async () => {
  await app?.close();
  await admin?.close();
  await testDb?.drop();
});

const auditRow = { action: 'auth.sign_in', resource_type: 'user', outcome: 'success' as const, request_id: 'req-1', actor_id: null };

describe('migrations', () => {
  it('are all applied to the test database, and a second run applies nothing', async () => {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(admin.db);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(testDb.adminUrl)).toEqual({ applied: [] });
  });

  it('npm run db:migrate applies them to a fresh database and reports it', async () => {
    const fresh = await createTestDatabase({ empty: true });
    try {
      const cli = 'services/shared/src/db/migrate-cli.ts';
      const first = await run(process.execPath, [cli, '--url', fresh.adminUrl]);
      expect(first.stdout).toContain(`applied ${Object.keys(migrations).join(', ')}`);
      const second = await run(process.execPath, [cli], { env: { ...process.env, DATABASE_URL: fresh.adminUrl } });
      expect(second.stdout).toContain('up to date');
      await expect(run(process.execPath, [cli], { env: { ...process.env, DATABASE_URL: '' } })).rejects.toMatchObject({ code: 2 });
    } finally {
      await fresh.drop();
    }
  });
});

describe('audit_events is append-only', () => {
  it('lets the application role insert and read', async () => {
    await app.db.insertInto('audit_events').values(auditRow).execute();
    const rows = await app.db.selectFrom('audit_events').selectAll().where('request_id', '=', 'req-1').execute();
    expect(rows).toHaveLength(1);
  });

  it('denies the application role UPDATE and DELETE', async () => {
    await expect(app.db.updateTable('audit_events').set({ outcome: 'failure' }).execute()).rejects.toThrow(/permission denied/);
    await expect(app.db.deleteFrom('audit_events').execute()).rejects.toThrow(/permission denied/);
    await expect(sql`truncate audit_events`.execute(app.db)).rejects.toThrow(/permission denied/);
  });

  it('refuses UPDATE and DELETE even from the table owner', async () => {
    await expect(admin.db.updateTable('audit_events').set({ outcome: 'failure' }).execute()).rejects.toThrow(/append-only/);
    await expect(admin.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
    const rows = await admin.db.selectFrom('audit_events').select('outcome').execute();
    expect(rows.every((r) => r.outcome === 'success')).toBe(true);
  });

  it('rejects free text where only codes belong', async () => {
    await expect(app.db.insertInto('audit_events').values({ ...auditRow, reason: 'patient Jane Doe failed' }).execute()).rejects.toThrow(/check constraint/);
    await expect(app.db.insertInto('audit_events').values({ ...auditRow, action: 'Sign in!' }).execute()).rejects.toThrow(/check constraint/);
  });
});
