/**
 * Runs the numbered migrations forward, with Kysely's Migrator: it records each applied
 * migration and holds a PostgreSQL advisory lock, so two deploys or two test workers
 * migrating at once apply each migration exactly once.
 *
 * @example
 * ```ts
 * const { applied } = await migrateToLatest('postgres://admin@127.0.0.1:5432/serenya');
 * ```
 * @module
 */
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator, type MigrationResult } from 'kysely/migration';
import pg from 'pg';
import { migrations } from './migrations/index.ts';

export interface MigrateResult {
  /** Names of the migrations this run applied, in order (empty when already up to date). */
  applied: string[];
}

export class MigrationError extends Error {
  readonly migration: string | undefined;
  constructor(migration: string | undefined, cause: unknown) {
    super(`migration ${migration ?? '(setup)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
    this.migration = migration;
  }
}

export async function migrateToLatest(connectionString: string): Promise<MigrateResult> {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }),
  });
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r: MigrationResult) => r.status === 'Error');
      throw new MigrationError(failed?.migrationName, error);
    }
    return { applied: (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r: MigrationResult) => r.migrationName) };
  } finally {
    await db.destroy();
  }
}
