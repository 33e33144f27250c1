/**
 * The cloud assembly of the development stage, for the local runtime and provisioning: a
 * `cdk.out` that is newer than every source it comes from is reused (the project's own, or
 * the one this module wrote under `.local/`), otherwise the CDK app is synthesized
 * (platform/src/synthesize-app.ts, as `npm run compliance` does) with the compliance gate in report
 * mode, so findings become a warning here (the gate enforces in CI, not on a laptop), and without
 * esbuild bundling, since the local runtime runs each function from its source.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { readValidationReport } from '../../../compliance/src/report/validation-report.ts';
import { synthesizeApp } from '../../../platform/src/synthesize-app.ts';
import { REPOSITORY_ROOT } from './local-paths.ts';

/** What the template is made from: a change to any of these makes a kept cdk.out stale. */
export const SYNTH_SOURCES = ['platform', 'services', 'compliance', 'cdk.json'] as const;

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
  /** `reused` when a fresh cdk.out was found, `synthesized` when the app ran. */
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

/** Both stages into `outdir` (a few seconds without bundling); counts the open compliance findings. */
async function runCdkSynth(root: string, outdir: string): Promise<{ complianceFindings: number }> {
  try {
    await synthesizeApp({ repoRoot: root, outdir, gate: 'report', bundle: false });
  } catch (error) {
    throw new SynthesisError(`cdk synth of the ${DEVELOPMENT_STAGE} stage failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const { pluginReports } = readValidationReport(outdir);
  return { complianceFindings: pluginReports.reduce((count, report) => count + report.violations.length, 0) };
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
