/**
 * The document pipeline end to end on this machine: upload → queue → processor → encrypted
 * content → completed, with the real code at each step.
 *
 * - Backend: the embedded one (PostgreSQL with the migrated template, moto), plus a Bedrock mock
 *   of its own, whose latency the phases set.
 * - Upload: `POST /documents` through the documents app (`createDocumentsApp`, `app.request`)
 *   with a locally signed access token, as a client would; each document is one of the
 *   synthetic lab reports as a PDF.
 * - Processing: the processor's SQS handler wired from the environment exactly as in Lambda
 *   (`processorDependenciesFromEnvironment`), driven by the local SQS event source (batch size 1,
 *   `--concurrency` pollers, as reserved concurrency would allow).
 * - Completion: `GET /jobs/{id}` through the documents app every 50 ms until `completed`.
 *
 * Two phases: the mock at zero latency (what the pipeline itself costs), then at a realistic
 * latency (`--latency-ms` to the first token, `--tokens-per-second` after it; the defaults,
 * 1 s and 150 tokens/s, put a report's ~650-token answer at about 5 s, the few seconds a
 * model call on a lab report takes). Each prints
 * documents/s (documents ÷ wall time from the first upload to the last completion) and
 * upload-to-completed p50/p95. All uploads of a phase start at once (`--upload-concurrency`
 * at a time), so latency includes queueing behind the processor's concurrency.
 *
 *   node emulation/bench/pipeline.bench.ts [--documents 20] [--latency-ms 1000] [--tokens-per-second 150]
 *                                          [--concurrency 4] [--max-seconds 120]
 *
 * Bounded: a phase stops waiting after `--max-seconds` and counts what did not complete.
 * Everything it started is stopped at the end, and the process exits (the per-process clients
 * of the services, like Lambda's, have no close).
 * @module
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { insertTestUser } from '../src/testing/test-users.ts';

// Before any service module loads: the logger reads its level at import, and the processor's
// per-document log lines would drown the figures.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const usage = `Usage: node emulation/bench/pipeline.bench.ts [--documents N] [--latency-ms X] [--tokens-per-second T] [--concurrency C] [--max-seconds S]
  --documents           documents per phase (default 20)
  --latency-ms          realistic phase: time to the first token (default 1000)
  --tokens-per-second   realistic phase: output pace after it (default 150)
  --concurrency         processor invocations at once (default 4)
  --upload-concurrency  uploads in flight at once (default 8)
  --max-seconds         give up waiting in a phase after this long (default 120)`;

interface Options {
  documents: number;
  latencyMs: number;
  tokensPerSecond: number;
  concurrency: number;
  uploadConcurrency: number;
  maxSeconds: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      documents: { type: 'string', default: '20' },
      'latency-ms': { type: 'string', default: '1000' },
      'tokens-per-second': { type: 'string', default: '150' },
      concurrency: { type: 'string', default: '4' },
      'upload-concurrency': { type: 'string', default: '8' },
      'max-seconds': { type: 'string', default: '120' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const number = (name: string, raw: string, min: number): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${String(min)}, not '${raw}'\n${usage}`);
    return value;
  };
  return {
    documents: Math.floor(number('documents', values.documents, 1)),
    latencyMs: Math.floor(number('latency-ms', values['latency-ms'], 0)),
    tokensPerSecond: number('tokens-per-second', values['tokens-per-second'], 0),
    concurrency: Math.floor(number('concurrency', values.concurrency, 1)),
    uploadConcurrency: Math.floor(number('upload-concurrency', values['upload-concurrency'], 1)),
    maxSeconds: number('max-seconds', values['max-seconds'], 1),
  };
}

/** EMF metric lines go to stdout in Lambda; here they are counted and kept off the report. */
function captureMetricLines(): Map<string, number> {
  const outcomes = new Map<string, number>();
  const write = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (!text.startsWith('{"_aws"')) return write(chunk, ...rest);
    for (const line of text.split('\n')) {
      if (!line.includes('"DocumentsProcessed"')) continue;
      const outcome = (JSON.parse(line) as { Outcome?: string }).Outcome ?? '?';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    return true;
  });
  return outcomes;
}

interface PhaseResult {
  name: string;
  ok: number;
  failed: number;
  unfinished: number;
  wallMs: number;
  latenciesMs: number[];
}

async function main(): Promise<void> {
  const options = parseOptions();
  const outcomes = captureMetricLines();

  const [
    { default: pg },
    { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair },
    { startEmbeddedBackend, awsEnvironment },
    { startBedrockMock },
    { percentile },
    { createDocumentResources },
    { createCostTable },
    { createSqsEventSource },
    { LAB_REPORT_FIXTURES, readLabReportFixture },
    { makeLabReportPdf },
  ] = await Promise.all([
    import('pg'),
    import('jose'),
    import('../src/backends/embedded.ts'),
    import('../src/mocks/bedrock/index.ts'),
    import('../src/mocks/bedrock/stats.ts'),
    import('../src/testing/document-resources.ts'),
    import('../src/testing/cost-table.ts'),
    import('../src/runtime/sqs-event-source.ts'),
    import('../../e2e/fixtures/lab-reports/lab-report-fixtures.ts'),
    import('../../e2e/fixtures/lab-reports/make-pdf.ts'),
  ]);

  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  process.stdout.write(
    `Pipeline bench (serenya ${version}): ${String(options.documents)} documents per phase, processor concurrency ${String(options.concurrency)}, ` +
      `upload concurrency ${String(options.uploadConcurrency)}; Node ${process.version}\nstarting the embedded backend…\n`,
  );

  const startedAt = performance.now();
  const backend = await startEmbeddedBackend();
  const mock = await startBedrockMock({ config: { latency: { firstTokenMs: 0, tokensPerSecond: 0 }, errors: { rate: 0 } }, environment: {} });
  const stops: Array<() => Promise<void> | void> = [() => mock.stop(), () => backend.stop()];
  let exitCode = 0;
  try {
    // The services' own wiring reads all of this from the environment, as in Lambda.
    const database = `bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: backend.postgres.adminUrl('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)} TEMPLATE ${admin.escapeIdentifier(backend.postgres.templateDatabase)}`);
    await admin.end();
    const resources = await createDocumentResources(backend.aws, { maxReceiveCount: 3, visibilityTimeoutSeconds: 1_080 });
    const costTableName = `cost-bench-${randomBytes(4).toString('hex')}`;
    await createCostTable(backend.aws, costTableName);
    Object.assign(process.env, awsEnvironment(backend.aws), resources.environment, {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: mock.endpoint,
      DATABASE_URL: backend.postgres.appUrl(database),
      DATABASE_SSL: 'disable',
      COST_TABLE_NAME: costTableName,
    });

    const [
      { createDocumentsApp },
      { processorDependenciesFromEnvironment },
      { createProcessorHandler },
      { createS3Client, createSqsClient },
      { readDocumentsConfig },
      { ACCESS_TOKEN_AUDIENCE },
      { createDatabase },
      { readDatabaseConfig },
      { bedrockClient },
    ] = await Promise.all([
      import('../../services/documents/src/app.ts'),
      import('../../services/processor/src/dependencies-from-environment.ts'),
      import('../../services/processor/src/sqs-handler.ts'),
      import('../../services/shared/src/aws/clients.ts'),
      import('../../services/shared/src/config/documents-config.ts'),
      import('../../services/shared/src/config/access-token-config.ts'),
      import('../../services/shared/src/db/database.ts'),
      import('../../services/shared/src/config/database-config.ts'),
      import('../../services/shared/src/bedrock/default-bedrock-client.ts'),
    ]);

    // Users: premium (100 documents a month), one per 50 documents to stay inside the quota.
    const documentsDb = createDatabase(readDatabaseConfig({ DATABASE_URL: backend.postgres.adminUrl(database), DATABASE_SSL: 'disable' }));
    stops.unshift(() => documentsDb.close());
    const users: string[] = [];
    for (let index = 0; index < Math.ceil((2 * options.documents) / 50); index += 1) {
      const id = await insertTestUser(documentsDb.db, `bench-${randomBytes(6).toString('hex')}-${String(index)}`);
      await documentsDb.db.insertInto('subscriptions').values({ user_id: id, plan_id: 'premium' }).execute();
      users.push(id);
    }

    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const issuer = 'https://auth.serenya.bench';
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' }] });
    const tokens = new Map<string, string>();
    for (const user of users) {
      tokens.set(
        user,
        await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'bench' }).setSubject(user).setIssuer(issuer).setAudience(ACCESS_TOKEN_AUDIENCE).setIssuedAt().setExpirationTime('2h').sign(privateKey),
      );
    }
    const appDb = createDatabase(readDatabaseConfig({ DATABASE_URL: backend.postgres.appUrl(database), DATABASE_SSL: 'disable' }));
    stops.unshift(() => appDb.close());
    const s3 = createS3Client();
    const sqs = createSqsClient();
    const app = createDocumentsApp({ db: appDb.db, s3, sqs, documents: readDocumentsConfig(resources.environment), accessTokens: { issuer, audience: ACCESS_TOKEN_AUDIENCE, keys } });

    const source = createSqsEventSource({
      sqs,
      queueUrl: resources.queueUrl,
      handler: createProcessorHandler(processorDependenciesFromEnvironment()),
      batchSize: 1,
      concurrency: options.concurrency,
      functionName: 'serenya-processor',
      functionTimeoutMs: 180_000,
      onError: (error, stage) => console.error(`event source ${stage} error: ${error instanceof Error ? error.name : String(error)}`),
    });
    stops.unshift(() => source.stop(), () => bedrockClient().breaker.shutdown());
    await source.start();

    const pdfs = await Promise.all(LAB_REPORT_FIXTURES.map((name) => makeLabReportPdf(readLabReportFixture(name))));
    process.stdout.write(`ready in ${((performance.now() - startedAt) / 1_000).toFixed(1)} s\n`);
    let userCursor = 0;
    const uploadSlots = semaphore(options.uploadConcurrency);

    const runPhase = async (name: string, documents: number): Promise<PhaseResult> => {
      const result: PhaseResult = { name, ok: 0, failed: 0, unfinished: 0, wallMs: 0, latenciesMs: [] };
      const phaseStart = performance.now();
      const deadline = phaseStart + options.maxSeconds * 1_000;
      // Every document waits for its completion at once; only the uploads themselves are limited.
      const documentRun = async (index: number): Promise<void> => {
          const user = users[Math.floor(userCursor++ / 50) % users.length] as string;
          const authorization = `Bearer ${tokens.get(user) ?? ''}`;
          await uploadSlots.acquire();
          const uploadStart = performance.now();
          let jobId: string;
          try {
            const form = new FormData();
            form.set('file', new File([pdfs[index % pdfs.length] as Uint8Array<ArrayBuffer>], 'report.pdf'));
            const response = await app.request('/documents', { method: 'POST', body: form, headers: { authorization } });
            if (response.status !== 202) throw new Error(`upload answered ${String(response.status)}: ${await response.text()}`);
            jobId = ((await response.json()) as { jobId: string }).jobId;
          } catch (error) {
            result.failed += 1;
            console.error(error instanceof Error ? error.message : String(error));
            return;
          } finally {
            uploadSlots.release();
          }
          while (performance.now() < deadline) {
            const response = await app.request(`/jobs/${jobId}`, { headers: { authorization } });
            const { status } = (await response.json()) as { status: string };
            if (status === 'completed') {
              result.ok += 1;
              result.latenciesMs.push(performance.now() - uploadStart);
              return;
            }
            if (status === 'failed') {
              result.failed += 1;
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          result.unfinished += 1;
      };
      await Promise.all(Array.from({ length: documents }, (_, index) => documentRun(index)));
      result.wallMs = performance.now() - phaseStart;
      return result;
    };

    // Warm-up: module loading, first connections, the KMS data-key cache; not reported.
    mock.configure({ latency: { firstTokenMs: 0, tokensPerSecond: 0 } });
    await runPhase('warm-up', Math.min(4, options.documents));
    mock.reset();

    const results: PhaseResult[] = [];
    mock.configure({ latency: { firstTokenMs: 0, tokensPerSecond: 0 } });
    results.push(await runPhase('mock at zero latency', options.documents));
    const zeroTokens = mock.stats();
    mock.configure({ latency: { firstTokenMs: options.latencyMs, tokensPerSecond: options.tokensPerSecond } });
    results.push(await runPhase(`mock at ${String(options.latencyMs)} ms + ${String(options.tokensPerSecond)} tok/s`, options.documents));

    process.stdout.write(`\n${table(results, percentile)}\n`);
    const stats = mock.stats();
    const converse = stats.requests.Converse;
    process.stdout.write(
      `\nBedrock mock: ${String(converse)} Converse calls, ${String(Math.round(stats.tokens.output / Math.max(1, converse)))} output tokens per call on average ` +
        `(${String(zeroTokens.requests.Converse)} in the zero-latency phase); server-side p50 ${String(stats.latency.byOperation.Converse.p50Ms)} ms.\n` +
        `Processor outcomes (DocumentsProcessed): ${[...outcomes].map(([outcome, count]) => `${outcome} ${String(count)}`).join(', ')}\n`,
    );
    if (results.some((result) => result.failed > 0 || result.unfinished > 0)) exitCode = 1;
  } catch (error) {
    console.error(error);
    exitCode = 1;
  } finally {
    for (const stop of stops) {
      try {
        await stop();
      } catch (error) {
        console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  process.exit(exitCode);
}

function table(rows: PhaseResult[], percentile: (sorted: readonly number[], fraction: number) => number): string {
  const header = ['phase', 'docs', 'ok', 'failed', 'unfinished', 'wall s', 'docs/s', 'p50 ms', 'p95 ms', 'max ms'];
  const lines = rows.map((row) => {
    const sorted = [...row.latenciesMs].sort((a, b) => a - b);
    const at = (fraction: number) => (sorted.length === 0 ? '-' : percentile(sorted, fraction).toFixed(0));
    return [
      row.name,
      String(row.ok + row.failed + row.unfinished),
      String(row.ok),
      String(row.failed),
      String(row.unfinished),
      (row.wallMs / 1_000).toFixed(2),
      (row.ok / (row.wallMs / 1_000)).toFixed(2),
      at(0.5),
      at(0.95),
      sorted.length === 0 ? '-' : (sorted.at(-1) ?? 0).toFixed(0),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(format)].join('\n');
}

/** A counting semaphore: at most `size` holders at once. */
function semaphore(size: number): { acquire(): Promise<void>; release(): void } {
  let free = size;
  const waiting: Array<() => void> = [];
  return {
    async acquire() {
      if (free > 0) {
        free -= 1;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    },
  };
}

await main();
