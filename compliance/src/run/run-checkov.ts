/**
 * Runs checkov (pinned in compliance/checkov-requirements.txt) over the cloud assembly.
 *
 * checkov lives in its own venv, `.venv/checkov`, not in the project venv: checkov 3.3.30 pins
 * boto3==1.35.49, and with that botocore moto 5.2.5 answers CloudWatch's CBOR protocol (used by
 * the services' @aws-sdk/client-cloudwatch) with HTTP 500, breaking the emulator. The venv is
 * created on first use and reinstalled when the pinned file changes (hash stamp), like setup.sh
 * does for the project venv.
 * @module
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CHECKOV_REQUIREMENTS = 'compliance/checkov-requirements.txt';
const VENV = '.venv/checkov';

/** Creates or refreshes the checkov venv; returns the checkov executable. */
export async function ensureCheckov(repoRoot: string, progress: (line: string) => void): Promise<string> {
  const venv = join(repoRoot, VENV);
  const checkov = join(venv, 'bin', 'checkov');
  const requirements = join(repoRoot, CHECKOV_REQUIREMENTS);
  const want = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const stamp = join(venv, '.serenya-requirements');
  if (existsSync(checkov) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) return checkov;
  if (!existsSync(join(venv, 'bin', 'python'))) {
    progress(`creating the checkov venv in ${VENV}`);
    await run('python3', ['-m', 'venv', venv]);
  }
  progress(`installing checkov from ${CHECKOV_REQUIREMENTS} (first run only)`);
  await run(join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements], { maxBuffer: 16 * 1024 * 1024 });
  writeFileSync(stamp, `${want}\n`);
  return checkov;
}

/** checkov's JSON on stdout; its exit code is 1 whenever a check fails, which is not an error here. */
export async function runCheckov(checkov: string, repoRoot: string, assemblyDir: string): Promise<string> {
  const args = ['--config-file', join(repoRoot, '.checkov.yaml'), '--directory', assemblyDir];
  try {
    return (await run(checkov, args, { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (failed.code === 1 && typeof failed.stdout === 'string') return failed.stdout;
    throw new Error(`checkov exited with ${String(failed.code)}: ${(failed.stderr ?? '').slice(-2000)}`, { cause: error });
  }
}
