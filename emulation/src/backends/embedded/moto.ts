/**
 * moto server, the local AWS emulator, run from the project's Python venv on a free
 * 127.0.0.1 port, with the services Serenya uses warmed up. See docs/MOTO.md for what moto does
 * and does not emulate faithfully.
 * @module
 */
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { isEmulationDebugEnabled, writeDebugLines } from './debug-output.ts';
import { getFreePort, LOOPBACK_HOST } from './free-port.ts';
import { LineRingBuffer } from './line-ring-buffer.ts';
import { warmUpMotoServices, type WarmedService } from './moto-warm-up.ts';
import { armOrphanGuard, type OrphanGuard } from './orphan-guard.ts';

/** The repository root, from this file's location: callers may run from any folder. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The venv that `bash scripts/setup.sh` creates with the pinned moto[server]. */
export const MOTO_VENV_PYTHON = join(REPO_ROOT, '.venv', 'bin', 'python');

export const DEFAULT_AWS_REGION = 'eu-west-1';

export interface MotoServerOptions {
  /** Default `eu-west-1`, the stack's region. */
  region?: string;
  /** The Python that has moto installed. Default: the project venv. */
  python?: string;
  /** How long to wait for the first successful `POST /moto-api/reset`. Default 30 s. */
  readyTimeoutMs?: number;
  /** Print moto's request log to stderr. Default: when SERENYA_DEBUG is set. */
  debug?: boolean;
  /**
   * KMS keys with the same id and material in every run (see moto_stable_kms.py): for data kept
   * between runs (`npm run local`). Default false: tests want fresh random keys.
   */
  stableKmsKeys?: boolean;
}

const STABLE_KMS_SERVER = fileURLToPath(new URL('./moto_stable_kms.py', import.meta.url));

export interface MotoServer {
  /** `http://127.0.0.1:<port>`, for every SDK client's `endpoint`. */
  readonly endpoint: string;
  readonly region: string;
  /** Milliseconds from the call to a warmed-up server (spawn + ready + warm-up). */
  readonly startMs: number;
  /** Milliseconds from the call to the first 200 from `POST /moto-api/reset`. */
  readonly readyMs: number;
  /** Milliseconds of the warm-up calls, in total and per service. */
  readonly warmUpMs: number;
  readonly warmUpByServiceMs: Readonly<Record<WarmedService, number>>;
  /** The newest lines moto wrote to stdout and stderr, for diagnosing a failing call. */
  logTail(lines?: number): string[];
  /** SIGTERM, then SIGKILL after 5 s. Resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;
const READY_POLL_INTERVAL_MS = 25;
const START_ATTEMPTS = 3;

/**
 * Spawns `python -m moto.server` on a free port and waits until it answers and is warm.
 *
 * @example
 * ```ts
 * const moto = await startMotoServer();
 * const kms = new KMSClient({ endpoint: moto.endpoint, region: moto.region,
 *   credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
 * // ...
 * await moto.stop();
 * ```
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const startedAt = performance.now();
  const region = options.region ?? DEFAULT_AWS_REGION;
  const python = options.python ?? MOTO_VENV_PYTHON;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const debug = options.debug ?? isEmulationDebugEnabled();

  await access(python, constants.X_OK).catch(() => {
    throw new Error(`moto's Python is missing at ${python}. Run \`bash scripts/setup.sh\` to create the project venv with moto[server].`);
  });

  const log = new LineRingBuffer(200);
  for (let attempt = 1; ; attempt += 1) {
    const port = await getFreePort();
    const endpoint = `http://${LOOPBACK_HOST}:${port}`;
    const moto = spawnMoto(python, port, log, debug, options.stableKmsKeys === true);
    try {
      await waitUntilReady(endpoint, moto, readyTimeoutMs, log);
    } catch (error) {
      await moto.stop();
      if (attempt < START_ATTEMPTS && log.tail(20).some((line) => /address already in use/i.test(line))) continue;
      throw error;
    }
    const readyMs = Math.round(performance.now() - startedAt);
    const warmUpStartedAt = performance.now();
    let warmUpByServiceMs: Record<WarmedService, number>;
    try {
      warmUpByServiceMs = await warmUpMotoServices(endpoint, region);
    } catch (error) {
      await moto.stop();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`moto started but a warm-up call failed: ${reason}. Last log lines:\n${log.tail(20).join('\n')}`, { cause: error });
    }
    const finishedAt = performance.now();
    return {
      endpoint,
      region,
      startMs: Math.round(finishedAt - startedAt),
      readyMs,
      warmUpMs: Math.round(finishedAt - warmUpStartedAt),
      warmUpByServiceMs,
      logTail: (lines) => log.tail(lines),
      stop: () => moto.stop(),
    };
  }
}

interface SpawnedMoto {
  /** Settles when the process has exited, with how it exited. */
  readonly exited: Promise<string>;
  stop(): Promise<void>;
}

function spawnMoto(python: string, port: number, log: LineRingBuffer, debug: boolean, stableKmsKeys: boolean): SpawnedMoto {
  const server = stableKmsKeys ? [STABLE_KMS_SERVER] : ['-m', 'moto.server'];
  const child = spawn(python, [...server, '-H', LOOPBACK_HOST, '-p', String(port)], {
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true', PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a terminal's Ctrl-C then reaches only Node, which stops the functions
    // and their queue pollers before moto (the orphan guard covers a Node that dies instead).
    detached: true,
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal === null ? `exit code ${code}` : `signal ${signal}`));
    child.once('error', (error) => resolve(`spawn error: ${error.message}`));
  });
  const onOutput = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    log.push(text);
    if (debug) writeDebugLines('moto', text);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);

  const guard: OrphanGuard | undefined =
    child.pid === undefined ? undefined : armOrphanGuard({ pid: child.pid, signal: 'TERM', graceSeconds: STOP_GRACE_MS / 1000 });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      guard?.disarm();
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      child.kill('SIGTERM');
      const graceTimer = new AbortController();
      const outcome = await Promise.race([
        exited,
        delay(STOP_GRACE_MS, 'timeout' as const, { signal: graceTimer.signal }).catch(() => 'cancelled' as const),
      ]);
      // A pending grace timer would keep Node alive for 5 s after a quick stop.
      graceTimer.abort();
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    })();
    return stopping;
  };
  return { exited, stop };
}

async function waitUntilReady(endpoint: string, moto: SpawnedMoto, timeoutMs: number, log: LineRingBuffer): Promise<void> {
  let exitedHow: string | undefined;
  void moto.exited.then((how) => {
    exitedHow = how;
  });
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exitedHow !== undefined) {
      throw new Error(`moto server stopped (${exitedHow}) before it was ready. Last log lines:\n${log.tail(20).join('\n')}`);
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST', signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await delay(READY_POLL_INTERVAL_MS);
  }
  throw new Error(`moto server did not answer POST /moto-api/reset within ${timeoutMs} ms. Last log lines:\n${log.tail(20).join('\n')}`);
}
