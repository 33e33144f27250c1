/**
 * Throughput and latency of the Bedrock mock itself, driven by the real
 * `@aws-sdk/client-bedrock-runtime` (h2c, one session per request as the SDK does by default):
 * the mock starts with zero latency, then N Converse and N ConverseStream calls (streams timed
 * to their last event) run at a fixed concurrency, each phase bounded in time.
 *
 *   node emulation/bench/bedrock-mock.bench.ts [--requests 500] [--concurrency 16] [--max-seconds 60]
 *
 * The numbers tell how much of a load test's latency budget the mock itself takes.
 * @module
 */
import { parseArgs } from 'node:util';
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { startBedrockMock } from '../src/mocks/bedrock/index.ts';
import { percentile } from '../src/mocks/bedrock/stats.ts';

const usage = `Usage: node emulation/bench/bedrock-mock.bench.ts [--requests N] [--concurrency C] [--max-seconds S]
  --requests      calls per operation (default 500)
  --concurrency   calls in flight at once (default 16)
  --max-seconds   stop issuing calls in a phase after this long (default 60)`;

/** A chat turn as the chat service sends it: results as system context, one question. */
const REQUEST: ConverseCommandInput = {
  modelId: 'eu.anthropic.claude-sonnet-4-6',
  system: [
    {
      text: JSON.stringify({
        labValues: [
          { name: 'LDL Cholesterol', value: 162, unit: 'mg/dL', referenceRange: { low: null, high: 100, text: '<100' }, flag: 'high' },
          { name: 'HDL Cholesterol', value: 38, unit: 'mg/dL', referenceRange: { low: 40, high: null, text: '>40' }, flag: 'low' },
        ],
      }),
    },
  ],
  messages: [{ role: 'user', content: [{ text: 'Which of my results are out of range, and what do they mean?' }] }],
  inferenceConfig: { maxTokens: 1_024 },
};

interface PhaseResult {
  operation: string;
  ok: number;
  failed: number;
  wallMs: number;
  latenciesMs: number[];
  outputTokens: number;
}

function parseOptions(): { requests: number; concurrency: number; maxSeconds: number } {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '500' },
      concurrency: { type: 'string', default: '16' },
      'max-seconds': { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const positive = (name: string, raw: string): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not '${raw}'\n${usage}`);
    return value;
  };
  return {
    requests: Math.floor(positive('requests', values.requests)),
    concurrency: Math.floor(positive('concurrency', values.concurrency)),
    maxSeconds: positive('max-seconds', values['max-seconds']),
  };
}

/** Runs `call` `requests` times with `concurrency` workers, until done or out of time. */
async function phase(
  operation: string,
  options: { requests: number; concurrency: number; maxSeconds: number },
  call: () => Promise<number>,
): Promise<PhaseResult> {
  const result: PhaseResult = { operation, ok: 0, failed: 0, wallMs: 0, latenciesMs: [], outputTokens: 0 };
  const startedAt = performance.now();
  const deadline = startedAt + options.maxSeconds * 1_000;
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (issued < options.requests && performance.now() < deadline) {
      issued += 1;
      const callStarted = performance.now();
      try {
        // Await first: `x += await y` would read x before the await and lose concurrent updates.
        const tokens = await call();
        result.outputTokens += tokens;
        result.latenciesMs.push(performance.now() - callStarted);
        result.ok += 1;
      } catch {
        result.failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.requests) }, worker));
  result.wallMs = performance.now() - startedAt;
  return result;
}

function table(rows: PhaseResult[]): string {
  const header = ['operation', 'ok', 'failed', 'wall s', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'out tok/s'];
  const lines = rows.map((row) => {
    const sorted = [...row.latenciesMs].sort((a, b) => a - b);
    const at = (fraction: number) => (sorted.length === 0 ? '-' : percentile(sorted, fraction).toFixed(1));
    return [
      row.operation,
      String(row.ok),
      String(row.failed),
      (row.wallMs / 1_000).toFixed(2),
      (row.ok / (row.wallMs / 1_000)).toFixed(0),
      at(0.5),
      at(0.99),
      sorted.length === 0 ? '-' : (sorted.at(-1) ?? 0).toFixed(1),
      (row.outputTokens / (row.wallMs / 1_000)).toFixed(0),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions();
  const mock = await startBedrockMock({ config: { latency: { firstTokenMs: 0, tokensPerSecond: 0 }, errors: { rate: 0 } }, environment: {} });
  const client = new BedrockRuntimeClient({
    endpoint: mock.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
  try {
    process.stdout.write(
      `Bedrock mock bench: ${String(options.requests)} requests per operation, concurrency ${String(options.concurrency)}, ` +
        `at most ${String(options.maxSeconds)} s per phase; Node ${process.version}, SDK h2c\n`,
    );
    // Warm-up: JIT, the SDK's lazy loading, the first h2 sessions.
    await phase('warm-up', { ...options, requests: 20 }, async () => {
      await client.send(new ConverseCommand(REQUEST));
      return 0;
    });
    const converse = await phase('Converse', options, async () => {
      const response = await client.send(new ConverseCommand(REQUEST));
      return response.usage?.outputTokens ?? 0;
    });
    const converseStream = await phase('ConverseStream (to last event)', options, async () => {
      const response = await client.send(new ConverseStreamCommand(REQUEST));
      let outputTokens = 0;
      for await (const event of response.stream ?? []) outputTokens = event.metadata?.usage?.outputTokens ?? outputTokens;
      return outputTokens;
    });
    process.stdout.write(`\n${table([converse, converseStream])}\n`);
    const server = mock.stats().latency.byOperation;
    process.stdout.write(
      `\nserver-side (request in → last byte out): Converse p50 ${String(server.Converse.p50Ms)} ms / p99 ${String(server.Converse.p99Ms)} ms; ` +
        `ConverseStream p50 ${String(server.ConverseStream.p50Ms)} ms / p99 ${String(server.ConverseStream.p99Ms)} ms\n`,
    );
  } finally {
    client.destroy();
    await mock.stop();
  }
}

await main();
