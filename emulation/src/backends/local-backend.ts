/**
 * What `npm run local` needs from a backend, whichever starts it: a PostgreSQL server with the
 * migrated `serenya` database and the app login role, and an AWS emulator (moto or LocalStack).
 * The mocks (Google stand-in, Bedrock) and the runtime are the same for every backend, so they
 * are not part of it.
 * @module
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { APP_LOGIN_ROLE, ensureAppLoginRole } from './app-login-role.ts';
import { defaultMigrate, type AwsEndpoint } from './embedded.ts';

/** The database `npm run local` serves from. */
const LOCAL_DATABASE = 'serenya';

export interface LocalBackend {
  /** The AWS emulator's endpoint, region and credentials. */
  readonly aws: AwsEndpoint;
  /** What the AWS emulator is, for the banner: `moto server`, `LocalStack`. */
  readonly awsLabel: string;
  readonly postgres: {
    /** Superuser URL of `database`. */
    readonly adminUrl: (database: string) => string;
    /** True when this start created the cluster (first run, `--fresh`, a container). */
    readonly created: boolean;
    /** Where the cluster's data is kept, when it is kept on this machine. */
    readonly location?: string;
  };
  /** Stops what the backend started; idempotent. Data kept or not, as the backend says. */
  readonly stop: () => Promise<void>;
}

export interface PreparedDatabase {
  /** The database URL as the app login role: the services' `DATABASE_URL`. */
  appUrl: string;
  /** Superuser URL (for seeding and checks). */
  adminUrl: string;
  /** Migrations this start applied (none when the kept data was up to date). */
  migrationsApplied: string[];
}

/**
 * Creates the `serenya` database when missing, migrates it to the latest version, and
 * (re)creates the app login role (the embedded test backend's, a member of `serenya_app`) with a
 * fresh password: a kept cluster has no password of ours to remember, and
 * every run hands the new one to the functions.
 *
 * @example
 * ```ts
 * const { appUrl } = await prepareLocalDatabase(backend.postgres.adminUrl);
 * ```
 */
export async function prepareLocalDatabase(adminUrl: (database: string) => string): Promise<PreparedDatabase> {
  const database = LOCAL_DATABASE;
  const appPassword = randomBytes(18).toString('base64url');
  const admin = new pg.Client({ connectionString: adminUrl('postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  const { applied } = await defaultMigrate(adminUrl(database));
  const roles = new pg.Client({ connectionString: adminUrl(database) });
  await roles.connect();
  try {
    await ensureAppLoginRole(roles, appPassword);
  } finally {
    await roles.end();
  }
  const url = new URL(adminUrl(database));
  url.username = APP_LOGIN_ROLE;
  url.password = appPassword;
  return { appUrl: url.toString(), adminUrl: adminUrl(database), migrationsApplied: applied };
}
