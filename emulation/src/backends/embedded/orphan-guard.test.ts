import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { armOrphanGuard } from './orphan-guard.ts';

const GUARD_URL = new URL('./orphan-guard.ts', import.meta.url).href;

/** Alive and not a zombie: an orphan killed by the guard stays a zombie until init reaps it. */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await delay(50);
  }
  return condition();
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Node process that starts `sleep 60`, guards it, prints the sleeper's pid, then idles. */
function startGuardedSleeper(guardOptions: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
      import { spawn } from 'node:child_process';
      import { writeFileSync } from 'node:fs';
      const { armOrphanGuard } = await import(${JSON.stringify(GUARD_URL)});
      const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
      const options = ${guardOptions};
      if (options.pidFile) writeFileSync(options.pidFile, sleeper.pid + '\\n');
      armOrphanGuard({ ...options, pid: options.pidFile ? undefined : sleeper.pid });
      process.stdout.write(sleeper.pid + '\\n');
      setInterval(() => {}, 1000);
      `,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(() => {
    child.kill('SIGKILL');
  });
  return child;
}

async function firstLine(child: ChildProcess): Promise<string> {
  let text = '';
  for await (const chunk of child.stdout ?? []) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.trim();
}

describe('armOrphanGuard', () => {
  it('stops the server and removes its folder when the Node process that armed it is killed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'serenya-guard-test-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const pidFile = join(dir, 'server.pid');
    const node = startGuardedSleeper(JSON.stringify({ pidFile, signal: 'TERM', graceSeconds: 2, removeDir: dir }));
    const sleeperPid = Number(await firstLine(node));
    cleanups.push(() => {
      try {
        process.kill(sleeperPid, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    });
    expect(await isRunning(sleeperPid)).toBe(true);

    node.kill('SIGKILL');

    expect(await waitFor(async () => !(await isRunning(sleeperPid)), 5_000)).toBe(true);
    expect(await waitFor(() => Promise.resolve(!existsSync(dir)), 5_000)).toBe(true);
  });

  it('does nothing once disarmed', async () => {
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanups.push(() => {
      sleeper.kill('SIGKILL');
    });
    const dir = await mkdtemp(join(tmpdir(), 'serenya-guard-test-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'marker'), 'kept');
    const guard = armOrphanGuard({ pid: sleeper.pid, signal: 'TERM', graceSeconds: 1, removeDir: dir });

    guard.disarm();
    guard.disarm();
    await delay(300);

    expect(await isRunning(sleeper.pid ?? -1)).toBe(true);
    expect(existsSync(join(dir, 'marker'))).toBe(true);
  });
});
