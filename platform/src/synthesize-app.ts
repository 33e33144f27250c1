/**
 * Synthesizes this repository's CDK app (both stages) into an output folder the way the CDK CLI
 * would, but by calling the app command from cdk.json directly, for the tools that read the
 * templates (`npm run compliance`, `npm run local`):
 * - the CLI (2.1148) refuses `aws:`-prefixed context, and `aws:cdk:bundling-stacks=[]` is what
 *   skips esbuild bundling (no finding depends on function code; the local runtime runs sources);
 * - with the compliance gate in report mode the app succeeds and leaves every finding in
 *   `validation-report.json`, where the CLI would still exit 1 on them.
 *
 * @example
 * ```ts
 * await synthesizeApp({ repoRoot, outdir: 'cdk.out/compliance-gate', gate: 'report' });
 * ```
 * @module
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GateContextKey } from '../../compliance/src/apply-compliance-gate.ts';

const run = promisify(execFile);

export interface SynthOptions {
  readonly repoRoot: string;
  readonly outdir: string;
  /** Bundle function code as a deploy would (slower); findings do not depend on it. */
  readonly bundle?: boolean;
  /** The compliance gate's mode (default `report`: findings are collected, synth succeeds). */
  readonly gate?: 'enforce' | 'report';
}

interface CdkJson {
  readonly app?: string;
  readonly context?: Record<string, unknown>;
}

function contextFor(repoRoot: string, cdkJson: CdkJson, bundle: boolean, gate: 'enforce' | 'report'): Record<string, unknown> {
  const cached = join(repoRoot, 'cdk.context.json');
  return {
    ...(existsSync(cached) ? (JSON.parse(readFileSync(cached, 'utf8')) as Record<string, unknown>) : {}),
    ...cdkJson.context,
    [GateContextKey]: gate,
    // What the CLI sets: construct paths in template metadata (the report maps checkov results back through them).
    'aws:cdk:enable-path-metadata': true,
    ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
  };
}

/** Runs the app into `outdir`; on failure, rejects with the tail of its output. */
export async function synthesizeApp(options: SynthOptions): Promise<void> {
  rmSync(options.outdir, { recursive: true, force: true });
  mkdirSync(options.outdir, { recursive: true });
  const cdkJson = JSON.parse(readFileSync(join(options.repoRoot, 'cdk.json'), 'utf8')) as CdkJson;
  const [command, ...args] = (cdkJson.app ?? '').split(/\s+/).filter(Boolean);
  if (!command) throw new Error('cdk.json has no "app" command');
  const env = {
    ...process.env,
    CDK_OUTDIR: options.outdir,
    CDK_CONTEXT_JSON: JSON.stringify(contextFor(options.repoRoot, cdkJson, options.bundle ?? false, options.gate ?? 'report')),
  };
  const executable = command === 'node' ? process.execPath : command;
  try {
    await run(executable, args, { cwd: options.repoRoot, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    const tail = `${failed.stdout ?? ''}${failed.stderr ?? ''}`.split('\n').slice(-40).join('\n');
    throw new Error(`synth failed (exit ${String(failed.code)}):\n${tail}`, { cause: error });
  }
}
