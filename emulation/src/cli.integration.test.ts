import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEndpoints } from './local/endpoints-file.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
let stateDir: string;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'serenya-cli-'));
  // PostgreSQL runs as the postgres user when we are root: it must reach its data dir in here.
  await chmod(stateDir, 0o755);
});
afterAll(() => rm(stateDir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
}

/** Runs `npm run local`'s entry point to its end (for the commands that do not keep running). */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['emulation/src/cli.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, SERENYA_LOCAL_DIR: stateDir, ...env } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** True when something accepts TCP connections on the URL's port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(Number(port), hostname);
  });
}

describe('npm run local', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts the platform, prints each step and a ready banner, writes endpoints.json, and on SIGINT stops everything, freeing every port', { timeout: 240_000 }, async () => {
    child = spawn(process.execPath, ['emulation/src/cli.ts', '--port', '0', '--faults', 'slow'], {
      cwd: REPO_ROOT,
      env: { ...process.env, SERENYA_LOCAL_DIR: stateDir, POWERTOOLS_LOG_LEVEL: 'SILENT' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (/serenya local is ready in/.test(output) && /Ctrl-C stops everything/.test(output)) resolve();
      };
      child!.stdout?.on('data', check);
      void exited.then((code) => reject(new Error(`npm run local exited (${code}) before it was ready:\n${output}`)));
    });

    for (let step = 1; step <= 7; step += 1) expect(output).toMatch(new RegExp(`\\[${step}/7\\]`));
    const endpoints = JSON.parse(await readFile(join(stateDir, 'endpoints.json'), 'utf8')) as LocalEndpoints;
    expect(Object.keys(endpoints)).toEqual(expect.arrayContaining(['api', 'web', 'google', 'bedrock', 'moto', 'postgres', 'readyMs']));
    expect(output).toContain(endpoints.api);
    expect(output).toContain(endpoints.signIn);
    expect(output).not.toContain(new URL(endpoints.postgres).password);

    // The API answers through the gateway; the sign-in page and the web placeholder are served.
    expect((await fetch(`${endpoints.api}/.well-known/jwks.json`)).status).toBe(200);
    expect(await (await fetch(endpoints.signIn)).text()).toContain('<form method="post" action="/dev/sign-in">');
    expect(await (await fetch(endpoints.web)).text()).toContain('The web console is not built yet');
    // --faults slow reached the mock through its control endpoint.
    expect(((await (await fetch(`${endpoints.bedrock}/_mock/config`)).json()) as { latency: { firstTokenMs: number } }).latency.firstTokenMs).toBe(800);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped; every port is free again');
    const urls = [endpoints.api, endpoints.web, endpoints.google, endpoints.bedrock, endpoints.moto, endpoints.postgres.replace(/^postgres:/, 'http:')];
    expect(await Promise.all(urls.map(listening))).toEqual(urls.map(() => false));
    await expect(readFile(join(stateDir, 'endpoints.json'))).rejects.toThrow();
  });

  it('prints usage with the fault profiles for --help, and refuses bad options', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm run local');
    for (const profile of ['none', 'slow', 'flaky', 'outage']) expect(help.out).toContain(`      ${profile}`);

    expect((await run(['--port', 'abc'])).out).toContain("--port must be a port number, not 'abc'");
    expect((await run(['--faults', 'sometimes'])).out).toContain('--faults must be one of none, slow, flaky, outage');
    const unknown = await run(['--colour']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain("Unknown option '--colour'");
  });

  it('stops with a clear message when the API port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const result = await run(['--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.out).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('with --backend containers and no container runtime, stops with a message that names the way out', async (context) => {
    const { detectContainerRuntime } = await import('./backends/container-runtime.ts');
    if ((await detectContainerRuntime()).available) context.skip('a container runtime exists here: the containers backend would start');
    const result = await run(['--backend', 'containers', '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('no container runtime found');
    expect(result.out).toContain('--backend embedded');
  });

  it('with --backend aws, starts nothing and writes the deployed endpoints from the outputs file', async () => {
    const outputs = join(stateDir, 'cdk-outputs.json');
    await writeFile(outputs, JSON.stringify({ DevelopmentSerenya6004C8FC: { ApiUrl: 'https://d111.cloudfront.net', WebUrl: 'https://d111.cloudfront.net', JwksUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/.well-known/jwks.json' } }));
    const result = await run(['--backend', 'aws', '--outputs', outputs]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('nothing was started');
    const endpoints = JSON.parse(await readFile(join(stateDir, 'endpoints.json'), 'utf8')) as Record<string, unknown>;
    expect(endpoints).toMatchObject({ backend: 'aws', api: 'https://d111.cloudfront.net', web: 'https://d111.cloudfront.net', stack: 'DevelopmentSerenya6004C8FC' });

    const missing = await run(['--backend', 'aws', '--outputs', join(stateDir, 'absent.json')]);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('--outputs-file');
  });
});
