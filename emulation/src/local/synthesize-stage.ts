/**
 * The cloud assembly of the development stage, for the local runtime and provisioning: a
 * `cdk.out` that is newer than every source it comes from is reused (the project's own, or
 * the one this module wrote under `.local/`), otherwise `cdk synth 'Development/*'` runs through
 * the project's pinned aws-cdk CLI.
 *
 * Synth flags: `-c serenya:gate=report` turns compliance findings into warnings (the gate
 * enforces in CI, not on a laptop), and the app runs through cdk-app-without-bundling.ts, which
 * sets `aws:cdk:bundling-stacks` to `[]`: the local runtime runs each function from its source.
 * @module
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { REPOSITORY_ROOT } from './local-paths.ts';

/** What the template is made from: a change to any of these makes a kept cdk.out stale. */
export const SYNTH_SOURCES = ['platform', 'services', 'compliance', 'cdk.json'] as const;
const CDK_APP_WITHOUT_BUNDLING = fileURLToPath(new URL('./cdk-app-without-bundling.ts', import.meta.url));

/** The stage `npm run local` emulates, as the CDK app names its Stage construct. */
export const DEVELOPMENT_STAGE = 'Development';

export interface SynthesizeOptions {
  /** Repository root: where cdk.json and the sources are. */
  root?: string;
  /** Where this module synthesizes to (its own, so it never races someone's `cdk synth`). */
  outdir: string;
  /** Synthesize even when a fresh assembly exists. */
  force?: boolean;
}

export interface SynthesizedStage {
  /** The cloud assembly folder to read the stage's templates from. */
  readonly assemblyDir: string;
  /** `reused` when a fresh cdk.out was found, `synthesized` when cdk ran. */
  readonly how: 'reused' | 'synthesized';
  readonly ms: number;
  /**
   * Compliance findings the packs reported (report mode: warnings here, blocking in
   * `npm run compliance`); undefined when the assembly was reused.
   */
  readonly complianceFindings?: number;
}

/** Synth failed: the message carries the CDK's own error lines. */
export class SynthesisError extends Error {
  override readonly name = 'SynthesisError';
}

/**
 * The development stage's assembly, reused when fresh, else synthesized into `outdir`.
 *
 * @example
 * ```ts
 * const { assemblyDir, how } = await synthesizeDevelopmentStage({ outdir: '.local/cdk.out' });
 * ```
 */
export async function synthesizeDevelopmentStage(options: SynthesizeOptions): Promise<SynthesizedStage> {
  const started = performance.now();
  const root = options.root ?? REPOSITORY_ROOT;
  const ms = () => Math.round(performance.now() - started);
  const candidates = [join(root, 'cdk.out'), options.outdir];
  if (options.force !== true) {
    const fresh = await firstFreshAssembly(root, candidates);
    if (fresh !== undefined) return { assemblyDir: fresh, how: 'reused', ms: ms() };
  }
  // One synth at a time per outdir (two test files, or a test and `npm run local`): the
  // second waits, then reuses what the first wrote.
  const release = await acquireLock(`${options.outdir}.lock`);
  try {
    if (options.force !== true) {
      const fresh = await firstFreshAssembly(root, [options.outdir]);
      if (fresh !== undefined) return { assemblyDir: fresh, how: 'reused', ms: ms() };
    }
    const staging = `${options.outdir}.tmp-${randomBytes(4).toString('hex')}`;
    try {
      const { complianceFindings } = await runCdkSynth(root, staging);
      await rm(options.outdir, { recursive: true, force: true });
      await rename(staging, options.outdir);
      return { assemblyDir: options.outdir, how: 'synthesized', ms: ms(), complianceFindings };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  } finally {
    await release();
  }
}

/**
 * The first assembly among `candidates` that holds the development stage and whose manifest is
 * newer than every synth source.
 */
export async function firstFreshAssembly(root: string, candidates: readonly string[]): Promise<string | undefined> {
  const newestSource = await newestSourceMtimeMs(root);
  for (const dir of candidates) {
    const manifest = await stat(join(dir, 'manifest.json')).catch(() => undefined);
    if (manifest === undefined || manifest.mtimeMs <= newestSource) continue;
    if (await holdsDevelopmentStage(dir)) return dir;
  }
  return undefined;
}

async function holdsDevelopmentStage(dir: string): Promise<boolean> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.includes('manifest.json') && entries.some((entry) => entry.startsWith(`assembly-${DEVELOPMENT_STAGE}`));
}

/**
 * The newest modification time under the synth sources. Test files are left out: they never
 * reach the template, and the services' tests change all day long.
 */
export async function newestSourceMtimeMs(root: string): Promise<number> {
  let newest = 0;
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) return;
    if (info.isFile()) {
      if (!/\.test\.ts$/.test(path)) newest = Math.max(newest, info.mtimeMs);
      return;
    }
    if (!info.isDirectory()) return;
    newest = Math.max(newest, info.mtimeMs);
    const entries = await readdir(path, { withFileTypes: true });
    await Promise.all(
      entries
        .filter((entry) => entry.name !== 'node_modules' && entry.name !== 'cdk.out' && !entry.name.startsWith('.'))
        .map((entry) => visit(join(path, entry.name))),
    );
  };
  await Promise.all(SYNTH_SOURCES.map((source) => visit(join(root, source))));
  return newest;
}

/** `cdk synth 'Development/*'` with the project's CLI; rejects with the CDK's last lines. */
async function runCdkSynth(root: string, outdir: string): Promise<{ complianceFindings: number }> {
  const cdk = join(root, 'node_modules', 'aws-cdk', 'bin', 'cdk');
  const args = [
    cdk,
    'synth',
    `${DEVELOPMENT_STAGE}/*`,
    '--quiet',
    '--output',
    outdir,
    // The app with bundling off (see cdk-app-without-bundling.ts); cdk.json's context still applies.
    '--app',
    `node ${JSON.stringify(CDK_APP_WITHOUT_BUNDLING)}`,
    '-c',
    'serenya:gate=report',
    // The stage's stacks only; the cross-region WAF stack comes along when the stage has it.
    '--exclusively',
    '--no-notices',
    '--no-version-reporting',
  ];
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' } });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  const lines = output.join('').split(/\r?\n/);
  const findings = lines.filter((line) => line.startsWith('ERROR ')).length;
  if (code === 0) return { complianceFindings: findings };
  // In report mode the CLI still exits 1 when the compliance packs report errors, after writing
  // the whole assembly. A stage assembly on disk means synth itself worked.
  // (Whether it holds the stage, not whether it is fresh: a source edited during synth is not a failure.)
  if (findings > 0 && (await holdsDevelopmentStage(outdir))) return { complianceFindings: findings };
  const meaningful = lines.filter((line) => line.trim() !== '');
  throw new SynthesisError(`cdk synth of the ${DEVELOPMENT_STAGE} stage failed (exit ${String(code)}):\n${meaningful.slice(-40).join('\n')}`);
}

/**
 * A lock as an atomic mkdir holding the owner's pid. A lock whose owner is gone (a synth killed
 * with its test run) is taken over at once; one older than the longest synth, too.
 */
async function acquireLock(lockDir: string): Promise<() => Promise<void>> {
  const staleMs = 5 * 60_000;
  const pidFile = join(lockDir, 'pid');
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(pidFile, String(process.pid));
      return () => rm(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        await mkdir(join(lockDir, '..'), { recursive: true });
        continue;
      }
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const info = await stat(lockDir).catch(() => undefined);
      const owner = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
      const ownerGone = Number.isInteger(owner) && !isAlive(owner);
      // Just created, pid not written yet: not stale unless old.
      if (ownerGone || (info !== undefined && Date.now() - info.mtimeMs > staleMs)) await rm(lockDir, { recursive: true, force: true });
      else await delay(250);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
