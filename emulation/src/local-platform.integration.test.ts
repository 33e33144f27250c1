import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocumentsConfig, UPLOAD_LIMIT_BYTES } from '#shared/config/documents-config.ts';
import { labReportPdfBytes, padToSize } from '../../e2e/fixtures/documents/index.ts';
import { localPaths } from './local/local-paths.ts';
import { ApiError, createPlatformClient, type PlatformClient, type Session } from './local/platform-client.ts';
import { SEED_REPORTS, seedDemoUser } from './local/seed-demo-user.ts';
import { startLocalPlatform, type LocalPlatform } from './local/start-local-platform.ts';
import type { InvocationRecord } from './runtime/functions/local-function.ts';
import type { FunctionLogLine } from './runtime/functions/function-log.ts';
import type { AlarmTransition } from './observability/alarm-evaluator.ts';

/**
 * The whole platform in-process, from the real synthesized development stage, driven through
 * its HTTP API the way the app drives it. Limits are lowered through template overrides so each
 * bites within seconds: the content function's timeout (2 s) and reserved concurrency (1), the
 * documents integration's timeout (5 s), a 1-per-second throttle on one route, and alarm periods
 * scaled by 0.01 (a 60 s alarm evaluated every 0.6 s).
 */
const CONTENT_TIMEOUT_SECONDS = 2;
const DOCUMENTS_INTEGRATION_TIMEOUT_MS = 5_000;
const THROTTLED_ROUTE = 'GET /subscriptions/status';
const MODEL_UNAVAILABLE_ALARM = 'serenya-development-document-model-unavailable';

let platform: LocalPlatform;
let client: PlatformClient;
let session: Session;
let stateDir: string;
const invocations: InvocationRecord[] = [];
const logLines: FunctionLogLine[] = [];
/** Resolvers waiting for a function's START line. */
const startWaiters: Array<{ functionPart: string; resolve: () => void }> = [];

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'serenya-local-platform-'));
  // Run as root, PostgreSQL runs as the postgres user, who must reach its data dir in here.
  await chmod(stateDir, 0o755);
  // The stage is synthesized into the shared .local/cdk.out (or a fresh one reused) by the start.
  platform = await startLocalPlatform({
    paths: localPaths(stateDir),
    writeEndpoints: false,
    functionLogs: 'silent',
    // A 60 s alarm period becomes 6 s: short enough for a test, long enough that a datapoint
    // still falls inside its window when a loaded machine (npm test's parallel files) delays the
    // metric flush by a second or two; at 0.6 s such a point was missed and the alarm never fired.
    alarmPeriodScale: 0.1,
    printAlarm: () => undefined,
    overrides: {
      functions: { content: { timeoutSeconds: CONTENT_TIMEOUT_SECONDS, reservedConcurrency: 1 } },
      integrationTimeoutsMs: { 'GET /jobs/{jobId}': DOCUMENTS_INTEGRATION_TIMEOUT_MS },
      routeThrottling: { [THROTTLED_ROUTE]: { rateLimit: 1, burstLimit: 1 } },
    },
    on: {
      invocation: (record) => invocations.push(record),
      log: (line) => {
        logLines.push(line);
        if (line.stream !== 'platform' || !line.text.startsWith('START')) return;
        for (const waiter of startWaiters.splice(0)) {
          if (line.functionName.includes(waiter.functionPart)) waiter.resolve();
          else startWaiters.push(waiter);
        }
      },
    },
  });
  client = createPlatformClient({ api: platform.endpoints.api, idTokenUrl: platform.google.idTokenUrl });
  // Measured, since it decides whether this fits CI.
  console.warn(`whole-platform test: stage ${platform.synthesized.how} in ${platform.synthesized.ms} ms, platform ready in ${platform.readyMs} ms`);
}, 240_000);

afterAll(async () => {
  await platform?.stop();
  await rm(stateDir, { recursive: true, force: true });
}, 60_000);

function nextStart(functionPart: string): Promise<void> {
  return new Promise((resolve) => startWaiters.push({ functionPart, resolve }));
}

/** Holds ACCESS EXCLUSIVE locks on `tables` until released: every query on them waits. */
async function lockTables(tables: string[]): Promise<() => Promise<void>> {
  const admin = new pg.Client({ connectionString: platform.database.adminUrl });
  await admin.connect();
  await admin.query('BEGIN');
  await admin.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  return async () => {
    await admin.query('ROLLBACK');
    await admin.end();
  };
}

describe('the whole platform, started from the synthesized template', () => {
  it('holds in moto what the template declares', async () => {
    expect(await platform.compareWithTemplate()).toEqual([]);
    expect(platform.runtime.functions.size).toBeGreaterThanOrEqual(5);
  });

  it('signs in, uploads a lab report, processes it to completed, and answers a question about it', { timeout: 120_000 }, async () => {
    session = await client.signIn('whole-platform@example.test', 'Whole Platform');
    const { jobId } = await client.uploadDocument(session, await labReportPdfBytes('cbc-one-low'), 'cbc-one-low.pdf');
    const job = await client.waitForJob(session, jobId, 90_000);
    expect(job).toMatchObject({ status: 'completed', contentId: expect.any(String) as unknown });

    const timeline = await client.get(session, '/content/timeline');
    expect(timeline.status).toBe(200);
    expect(((await timeline.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id)).toContain(job.contentId);

    const chat = await client.chat(session, job.contentId!, 'Which of my values is low?');
    expect(chat.status).toBe(200);
    expect((JSON.parse(chat.body) as { reply: string }).reply).toContain('Hemoglobin');
  });

  describe('the upload limit, through the gateway', () => {
    let uploader: Session;
    /** The limit the documents function runs with: its environment from the template, read as it reads it. */
    let limit: number;
    beforeAll(async () => {
      uploader = await client.signIn('upload-limit@example.test');
      const documents = [...platform.runtime.functions.values()].find((fn) => fn.definition.functionName === 'serenya-development-documents');
      expect(documents).toBeDefined();
      limit = readDocumentsConfig(documents!.definition.environment).maxUploadBytes;
      expect(limit).toBe(UPLOAD_LIMIT_BYTES);
    });

    // The HTTP API base64-encodes the multipart body into the Lambda event, and an event over 6 MB
    // is refused before our code runs: at the old 5 MB limit this upload got the gateway's 413.
    it('accepts a file of exactly the limit: its base64-encoded event fits under Lambda’s 6 MB', { timeout: 60_000 }, async () => {
      const invoked = invocations.length;
      const { jobId } = await client.uploadDocument(uploader, padToSize(await labReportPdfBytes('cbc-one-low'), limit), 'at-the-limit.pdf');
      expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
      const documentsInvocations = invocations.slice(invoked).filter((record) => record.functionName === 'serenya-development-documents');
      expect(documentsInvocations.map((record) => record.outcome)).toEqual(['success']);
      // Let its processing end (completed or failed) before the tests that watch functions and alarms.
      expect(['completed', 'failed']).toContain((await client.waitForJob(uploader, jobId, 50_000)).status);
    });

    it('answers the limit + 1 byte with our 413 FILE_TOO_LARGE, not the gateway’s', { timeout: 30_000 }, async () => {
      const refused = await client.uploadDocument(uploader, padToSize(await labReportPdfBytes('cbc-one-low'), limit + 1), 'over-the-limit.pdf').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).status).toBe(413);
      expect(JSON.parse((refused as ApiError).body)).toMatchObject({ error: { code: 'FILE_TOO_LARGE', message: 'The file is larger than 4.5 MB', category: 'validation' } });
    });

    it('still has the gateway refuse the old 5 MB limit itself (so the test above would catch a limit raised past what fits)', { timeout: 30_000 }, async () => {
      const invoked = invocations.length;
      const refused = await client.uploadDocument(uploader, padToSize(await labReportPdfBytes('cbc-one-low'), 5 * 1024 * 1024), 'five-mb.pdf').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect((refused as ApiError).status).toBe(413);
      expect(JSON.parse((refused as ApiError).body)).toEqual({ message: 'Request Entity Too Large' });
      const documentsInvocations = invocations.slice(invoked).filter((record) => record.functionName === 'serenya-development-documents');
      expect(documentsInvocations.map((record) => record.outcome)).toEqual(['request-too-large']);
    });
  });

  it('seeds a demo user with processed sample results (--seed)', { timeout: 120_000 }, async () => {
    const seeded = await seedDemoUser({ api: platform.endpoints.api, idTokenUrl: platform.google.idTokenUrl }, 'seed@example.test');
    expect(seeded.jobs.map((job) => job.status)).toEqual(SEED_REPORTS.map(() => 'completed'));
    const timeline = (await (await client.get(seeded.session, '/content/timeline')).json()) as { items: unknown[] };
    expect(timeline.items).toHaveLength(SEED_REPORTS.length);
  });

  it('answers 401 without a token: the JWT authorizer of the template guards the routes', async () => {
    expect((await client.get(undefined, '/content/timeline')).status).toBe(401);
  });

  it('throttles a route past its stage throttling with 429', async () => {
    const statuses = await Promise.all(Array.from({ length: 6 }, async () => (await client.get(session, '/subscriptions/status')).status));
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status !== 429).every((status) => status === 200)).toBe(true);
  });

  it('answers 503 when the integration takes longer than its timeout', { timeout: 60_000 }, async () => {
    const { jobId } = await client.uploadDocument(session, await labReportPdfBytes('hba1c-high'), 'hba1c.pdf');
    await client.waitForJob(session, jobId, 90_000);
    const release = await lockTables(['document_jobs']);
    try {
      const response = await client.get(session, `/jobs/${jobId}`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    } finally {
      await release();
    }
  });

  it('cuts a function at its timeout and reports it, and throttles past its reserved concurrency', { timeout: 60_000 }, async () => {
    const release = await lockTables(['contents', 'users']);
    try {
      const started = nextStart('content');
      const blocked = client.get(session, '/content/timeline');
      await started;
      // The one environment the reserved concurrency allows is busy: the next call is throttled.
      const throttled = await client.get(session, '/content/timeline');
      expect(throttled.status).toBe(503);
      const cut = await blocked;
      expect(cut.status).toBe(500);
    } finally {
      await release();
    }
    const content = invocations.filter((record) => record.functionName.includes('content'));
    expect(content.some((record) => record.throttled)).toBe(true);
    const timedOut = content.find((record) => record.timedOut);
    expect(timedOut?.outcome).toBe('timeout');
    expect(logLines.some((line) => line.functionName.includes('content') && /Task timed out after 2\.\d\d seconds/.test(line.text))).toBe(true);
    // A new environment serves the next call.
    expect((await client.get(session, '/content/timeline')).status).toBe(200);
  });

  it('drives the model-unavailable alarm to ALARM on injected Bedrock errors and back to OK once they stop', { timeout: 90_000 }, async () => {
    const reached = (state: string) =>
      new Promise<AlarmTransition>((resolve) => {
        const unsubscribe = platform.alarms.onTransition((transition) => {
          if (transition.alarmName !== MODEL_UNAVAILABLE_ALARM || transition.newState !== state) return;
          unsubscribe();
          resolve(transition);
        });
      });
    try {
      const alarmed = reached('ALARM');
      platform.bedrock.configure({ errors: { rate: 1, types: ['ServiceUnavailableException'] } });
      await client.uploadDocument(session, await labReportPdfBytes('lipid-panel-high-ldl-low-hdl'), 'lipids.pdf');
      const alarm = await alarmed;
      expect(platform.bedrock.stats().errorsInjected.ServiceUnavailableException).toBeGreaterThan(0);
      expect(alarm.reason).toMatch(/Threshold Crossed/);

      const recovered = reached('OK');
      platform.bedrock.configure({ errors: { rate: 0 } });
      const ok = await recovered;
      expect(Date.parse(ok.time)).toBeGreaterThanOrEqual(Date.parse(alarm.time));
      // GET /_local/alarms shows the same.
      const listed = (await (await fetch(String(platform.endpoints.alarms))).json()) as { alarms: Array<{ alarmName: string; state: string }> };
      expect(listed.alarms.find((listedAlarm) => listedAlarm.alarmName === MODEL_UNAVAILABLE_ALARM)?.state).toBe('OK');
    } finally {
      platform.bedrock.configure({ errors: { rate: 0 } });
    }
  });
});
