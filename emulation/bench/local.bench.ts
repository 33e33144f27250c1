/**
 * `npm run bench:local`: what the local platform costs.
 *
 * 1. Time to ready, cold: a fresh PostgreSQL data dir and a forced `cdk synth` of the
 *    development stage (what a first `npm run local` after install pays); then warm: the same
 *    data dir and the cdk.out just written (every later start).
 * 2. Gateway + runtime overhead per request: `GET /content/timeline` (authenticated, a seeded
 *    user's results) through the local HTTP API (JWT authorizer, payload 2.0 event, the content
 *    function's worker) against the same content Hono app called in this process with
 *    `app.request()` and the same environment. Sequential requests after a warm-up; p50 and p95
 *    of each and of the difference.
 * 3. Throughput: requests per second on that route through the gateway, against a bare Hono route
 *    (`GET /ping` → JSON, served by @hono/node-server) in the same run, same client, same
 *    concurrency: the ceiling of an HTTP round trip on this machine. The stage's throttling
 *    (50 req/s in development) is raised for these runs, so they measure the gateway itself.
 *
 *   node emulation/bench/local.bench.ts [--requests 200] [--seconds 5] [--concurrency 8]
 *
 * Everything runs in a temp state folder (the repository's `.local/` is left alone, except its
 * cdk.out cache, which the cold start rewrites). Everything started is stopped at the end.
 * @module
 */
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { localPaths } from '../src/local/local-paths.ts';
import { createPlatformClient } from '../src/local/platform-client.ts';
import { seedDemoUser } from '../src/local/seed-demo-user.ts';
import { startLocalPlatform, type LocalPlatform } from '../src/local/start-local-platform.ts';
import { serviceOfFunction } from '../src/local/template-overrides.ts';

// Before any service module loads in this process (the direct app): quiet logs.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const usage = `Usage: node emulation/bench/local.bench.ts [--requests N] [--seconds S] [--concurrency C]
  --requests      sequential requests per side for the overhead (default 200)
  --seconds       duration of each throughput run (default 5)
  --concurrency   requests in flight in the throughput runs (default 8)`;

const ROUTE = '/content/timeline';

function parseOptions(): { requests: number; seconds: number; concurrency: number } {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '8' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const number = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, not '${text}'`);
    return value;
  };
  return { requests: number('requests', values.requests), seconds: number('seconds', values.seconds), concurrency: number('concurrency', values.concurrency) };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function summary(samples: readonly number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

async function timeSequential(requests: number, call: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, requests); i += 1) await call();
  const samples: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function throughput(seconds: number, concurrency: number, call: () => Promise<void>): Promise<{ rps: number; errors: number }> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        await call();
        done += 1;
      } catch {
        errors += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rps: done / ((performance.now() - started) / 1000), errors };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const stateDir = await mkdtemp(join(tmpdir(), 'serenya-bench-local-'));
  // PostgreSQL runs as the postgres user when we are root.
  await chmod(stateDir, 0o755);
  const paths = localPaths(stateDir);
  const quiet = { functionLogs: 'silent', writeEndpoints: false, paths, printAlarm: () => undefined } as const;
  let platform: LocalPlatform | undefined;
  try {
    process.stdout.write('bench:local: cold start (fresh data dir, forced cdk synth)…\n');
    const cold = await startLocalPlatform({ ...quiet, fresh: true, forceSynth: true });
    const coldMs = cold.readyMs;
    const coldSynthMs = cold.synthesized.ms;
    await cold.stop();
    process.stdout.write('bench:local: warm start (kept data, cdk.out reused)…\n');
    // The development stage throttles at 50 req/s (burst 100): raised here, or the figures would
    // measure the throttle instead of the gateway.
    // The cold start's assembly as it is: others editing sources meanwhile must not make the
    // warm start synthesize again.
    platform = await startLocalPlatform({ ...quiet, assemblyDir: cold.synthesized.assemblyDir, overrides: { stageThrottling: { rateLimit: 1_000_000, burstLimit: 1_000_000 } } });
    const warmMs = platform.readyMs;

    const seeded = await seedDemoUser({ api: platform.endpoints.api, idTokenUrl: platform.google.idTokenUrl }, 'bench@serenya.local');
    const client = createPlatformClient({ api: platform.endpoints.api, idTokenUrl: platform.google.idTokenUrl });
    const viaGateway = async () => {
      const response = await client.get(seeded.session, ROUTE);
      if (response.status !== 200) throw new Error(`GET ${ROUTE} through the gateway answered ${response.status}`);
      await response.arrayBuffer();
    };

    // The content app in this process, with the content function's own (resolved) environment.
    const contentFunction = [...platform.runtime.functions.values()].find((fn) => serviceOfFunction(platform!.template.Resources[fn.definition.logicalId]!) === 'content');
    if (contentFunction === undefined) throw new Error('the template has no content function');
    Object.assign(process.env, contentFunction.definition.environment);
    const { createContentApp } = await import('../../services/content/src/app.ts');
    const { accountRouteGroup } = await import('../../services/content/src/account-route-group.ts');
    const { contentDependenciesFromEnvironment } = await import('../../services/content/src/dependencies-from-environment.ts');
    const app = createContentApp(contentDependenciesFromEnvironment(), accountRouteGroup);
    const direct = async () => {
      const response = await app.request(ROUTE, { headers: { authorization: `Bearer ${seeded.session.accessToken}` } });
      if (response.status !== 200) throw new Error(`GET ${ROUTE} on the app answered ${response.status}`);
      await response.arrayBuffer();
    };

    const gatewaySamples = await timeSequential(options.requests, viaGateway);
    const directSamples = await timeSequential(options.requests, direct);
    const gateway = summary(gatewaySamples);
    const inProcess = summary(directSamples);

    const bare = new Hono().get('/ping', (context) => context.json({ ok: true }));
    const served = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' });
    await once(served, 'listening');
    const bareUrl = `http://127.0.0.1:${(served.address() as AddressInfo).port}`;
    const bareCall = async () => {
      const response = await fetch(`${bareUrl}/ping`);
      if (response.status !== 200) throw new Error(`bare route answered ${response.status}`);
      await response.arrayBuffer();
    };
    // As in Lambda, each request in flight needs its own execution environment: create them
    // (cold starts) before measuring, or the run measures cold starts.
    for (let round = 0; round < 3; round += 1) await Promise.all(Array.from({ length: options.concurrency }, viaGateway));
    const routeRps = await throughput(options.seconds, options.concurrency, viaGateway);
    const bareRps = await throughput(options.seconds, options.concurrency, bareCall);
    await new Promise<void>((resolve) => served.close(() => resolve()));

    const lines = [
      '',
      `bench:local on ${process.platform}-${process.arch}, Node ${process.versions.node}`,
      `time to ready     cold ${(coldMs / 1000).toFixed(1)} s (of which cdk synth ${(coldSynthMs / 1000).toFixed(1)} s, fresh PostgreSQL + migrations)   warm ${(warmMs / 1000).toFixed(1)} s (kept data, cdk.out reused)`,
      `GET ${ROUTE} (authenticated, ${seeded.jobs.length} results), ${options.requests} sequential requests each:`,
      `  through gateway + runtime   p50 ${ms(gateway.p50)}   p95 ${ms(gateway.p95)}`,
      `  Hono app in process         p50 ${ms(inProcess.p50)}   p95 ${ms(inProcess.p95)}`,
      `  overhead                    p50 ${ms(gateway.p50 - inProcess.p50)}   p95 ${ms(gateway.p95 - inProcess.p95)}`,
      `throughput, ${options.concurrency} in flight for ${options.seconds} s:`,
      `  GET ${ROUTE} via gateway  ${routeRps.rps.toFixed(0)} req/s${routeRps.errors > 0 ? ` (${routeRps.errors} errors)` : ''}`,
      `  bare Hono GET /ping           ${bareRps.rps.toFixed(0)} req/s${bareRps.errors > 0 ? ` (${bareRps.errors} errors)` : ''}`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    await platform?.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:local failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
