import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { detectContainerRuntime } from './container-runtime.ts';
import { ContainerRuntimeUnavailableError, startContainersLocalBackend } from './containers.ts';
import { prepareLocalDatabase } from './local-backend.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const runtime = await detectContainerRuntime();
const noRuntime = runtime.available ? undefined : runtime.reason;

/**
 * The containers backend. Where a container runtime exists it really starts PostgreSQL and
 * LocalStack; where none exists (this project's CI VM) those tests are skipped with the reason,
 * and the checks that it refuses clearly run instead.
 */
describe('the containers backend', () => {
  it('starts PostgreSQL and LocalStack, and the local database migrates on it', { timeout: 300_000 }, async (context) => {
    if (noRuntime !== undefined) context.skip(noRuntime);
    const backend = await startContainersLocalBackend();
    try {
      const { appUrl, migrationsApplied } = await prepareLocalDatabase(backend.postgres.adminUrl);
      expect(migrationsApplied.length).toBeGreaterThan(0);
      const client = new pg.Client({ connectionString: appUrl });
      await client.connect();
      await client.end();
      expect((await fetch(`${backend.aws.endpoint}/_localstack/health`)).status).toBe(200);
    } finally {
      await backend.stop();
    }
  });

  it('without a container runtime, stops with a message that names the way out', async (context) => {
    if (noRuntime === undefined) context.skip('a container runtime exists here');
    const failure = await startContainersLocalBackend().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContainerRuntimeUnavailableError);
    expect((failure as Error).message).toMatch(/no container runtime found .*--backend embedded/);
  });

  it('without a container runtime, SERENYA_TEST_BACKEND=containers reports the suite as skipped with the reason, never passed', { timeout: 120_000 }, async (context) => {
    if (noRuntime === undefined) context.skip('a container runtime exists here: the suite would really run on containers');
    const report = await runVitestJson(['emulation/src/testing/document-resources.integration.test.ts'], { SERENYA_TEST_BACKEND: 'containers' });
    expect(report.numTotalTests).toBeGreaterThan(0);
    expect(report.numPassedTests).toBe(0);
    expect(report.numFailedTests).toBe(0);
    expect(report.numPendingTests).toBe(report.numTotalTests);
    expect(report.output).toContain('SERENYA_TEST_BACKEND=containers: no container runtime found');
  });
});

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  /** What the verbose reporter printed: each skipped test with its note. */
  output: string;
}

/** Runs vitest on `files` in a child process with the JSON reporter; the report it wrote. */
async function runVitestJson(files: string[], env: Record<string, string>): Promise<JsonReport> {
  const vitest = fileURLToPath(new URL('../../../node_modules/vitest/vitest.mjs', import.meta.url));
  const dir = await mkdtemp(join(tmpdir(), 'serenya-vitest-'));
  const reportFile = join(dir, 'report.json');
  try {
    const child = spawn(process.execPath, [vitest, 'run', '--project', 'integration', '--reporter=json', '--reporter=verbose', `--outputFile.json=${reportFile}`, ...files], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, VITEST_MAX_WORKERS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const text = await readFile(reportFile, 'utf8').catch(() => undefined);
    if (text === undefined) throw new Error(`vitest wrote no JSON report:\n${output}`);
    return { ...(JSON.parse(text) as Omit<JsonReport, 'output'>), output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
