/**
 * A watchdog that stops a server process (and removes its temp folder) when the Node process
 * that started it dies without stopping it: a crash, a SIGKILL from a test runner's timeout,
 * an out-of-memory kill. Signal handlers cannot help there; only something outside Node can.
 *
 * The watchdog is a tiny `sh` in its own session. Its stdin is a pipe whose only writer is this
 * Node process, so the kernel closes it when Node dies, however it dies; `read` then returns
 * and the script signals the server, waits for it (SIGKILL after the grace period) and removes
 * the folder. A normal stop disarms the watchdog first, so it never touches a stopped server.
 * @module
 */
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

const WATCHDOG_SCRIPT = `
# A zombie counts as gone: once Node is dead, the server's new parent may reap it late.
alive() {
  if [ -r "/proc/$1/stat" ]; then
    case "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" in Z|X|'') return 1 ;; *) return 0 ;; esac
  fi
  kill -0 "$1" 2>/dev/null
}
read -r _ignored || :
pid="$1"
if [ -z "$pid" ] && [ -n "$2" ] && [ -r "$2" ]; then pid="$(head -n 1 "$2")"; fi
if [ -n "$pid" ]; then
  kill -"$3" "$pid" 2>/dev/null
  n=0
  while alive "$pid"; do
    n=$((n + 1))
    if [ "$n" -gt "$4" ]; then kill -KILL "$pid" 2>/dev/null; break; fi
    sleep 0.1
  done
fi
if [ -n "$5" ]; then rm -rf -- "$5"; fi
`;

export interface OrphanGuardOptions {
  /** The server's process id, when known at arming time. */
  pid?: number;
  /** A file whose first line is the pid, read only when the guard fires (PostgreSQL's `postmaster.pid`). */
  pidFile?: string;
  /** The signal that asks the server to shut down cleanly. */
  signal: 'INT' | 'TERM';
  /** Seconds to wait after `signal` before SIGKILL. */
  graceSeconds: number;
  /** A folder to delete once the server is gone (a temp data dir). */
  removeDir?: string;
}

export interface OrphanGuard {
  /** Stops the watchdog without it doing anything. Idempotent. */
  disarm(): void;
}

/**
 * Arms a watchdog that cleans up after `options` if this Node process dies first.
 *
 * @example
 * ```ts
 * const child = spawn(python, ['-m', 'moto.server', ...]);
 * const guard = armOrphanGuard({ pid: child.pid, signal: 'TERM', graceSeconds: 5 });
 * // ... later, in stop():
 * guard.disarm();
 * child.kill('SIGTERM');
 * ```
 */
export function armOrphanGuard(options: OrphanGuardOptions): OrphanGuard {
  if (options.pid === undefined && options.pidFile === undefined) {
    throw new Error('armOrphanGuard needs a pid or a pidFile');
  }
  const graceTicks = Math.max(1, Math.round(options.graceSeconds * 10));
  const watchdog = spawn(
    '/bin/sh',
    [
      '-c',
      WATCHDOG_SCRIPT,
      'serenya-orphan-guard',
      options.pid === undefined ? '' : String(options.pid),
      options.pidFile ?? '',
      options.signal,
      String(graceTicks),
      options.removeDir ?? '',
    ],
    // Own session: a Ctrl-C in the terminal must not kill the watchdog before it has done its job.
    { detached: true, stdio: ['pipe', 'ignore', 'ignore'] },
  );
  // Never keep Node alive for the watchdog's sake.
  watchdog.unref();
  (watchdog.stdin as Socket | null)?.unref();
  watchdog.on('error', (error) => {
    console.warn(`orphan guard could not start (cleanup after a crash will not happen): ${error.message}`);
  });
  // EPIPE if the watchdog is gone already; nothing to do about it.
  watchdog.stdin?.on('error', () => undefined);

  let disarmed = false;
  return {
    disarm() {
      if (disarmed) return;
      disarmed = true;
      // SIGKILL, not closing stdin: closing stdin is exactly what fires the guard.
      watchdog.kill('SIGKILL');
      watchdog.stdin?.destroy();
    },
  };
}
