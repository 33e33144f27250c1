/**
 * Throughput of PhiCipher encrypt+decrypt against the KMS the environment points at (moto
 * locally), with and without data-key caching, for the two shapes the content store produces:
 * many messages under one context (what caching is for) and one context per value (what a
 * stored report really is: every row and column is its own context). Also a whole 30-value
 * report through `encryptLabContent`, the processor's share of the work.
 *
 *   AWS_ENDPOINT_URL=http://127.0.0.1:5000 AWS_REGION=eu-west-1 AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x \
 *     node services/shared/src/crypto/phi-cipher.bench.ts [--messages 300] [--concurrency 8]
 *
 * Uses PHI_KMS_KEY_ARN when set; otherwise creates a key, which it does only when
 * AWS_ENDPOINT_URL is set (an emulator), never in a real account.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CreateKeyCommand, KMS } from '@aws-sdk/client-kms';
import { encryptLabContent } from '../content/encrypt-lab-content.ts';
import type { LabInterpretation } from '../interpretation/lab-interpretation.ts';
import { createPhiCipher, type PhiCipher } from './phi-cipher.ts';
import type { PhiContext } from './phi-context.ts';
import { countKmsCalls, type KmsCallCounts } from './testing/kms-call-counter.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '8' } } });
const MESSAGES = Number(values.messages);
const CONCURRENCY = Number(values.concurrency);
const PLAINTEXT = JSON.stringify({ name: 'Potassium', value: 6.1, unit: 'mmol/L', explanation: 'x'.repeat(900) }).slice(0, 1_024);

interface Row {
  phase: string;
  cache: string;
  concurrency: number;
  ops: number;
  seconds: number;
  generateDataKey: number;
  decrypt: number;
}

async function keyArn(kms: KMS): Promise<string> {
  if (process.env.PHI_KMS_KEY_ARN) return process.env.PHI_KMS_KEY_ARN;
  if (!process.env.AWS_ENDPOINT_URL) throw new Error('set PHI_KMS_KEY_ARN, or AWS_ENDPOINT_URL to an emulator where a key may be created');
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'serenya phi bench' }));
  return KeyMetadata!.Arn!;
}

async function runConcurrently(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await work(index);
      }
    }),
  );
  return (performance.now() - started) / 1_000;
}

function context(userId: string): PhiContext {
  return { userId, table: 'lab_values', rowId: randomUUID(), column: 'value_enc' };
}

async function roundTrips(phase: string, cipher: PhiCipher, calls: KmsCallCounts, cache: string, concurrency: number, contextFor: (i: number) => PhiContext): Promise<Row> {
  calls.reset();
  const seconds = await runConcurrently(MESSAGES, concurrency, async (i) => {
    const ctx = contextFor(i);
    const ciphertext = await cipher.encrypt(PLAINTEXT, ctx);
    if ((await cipher.decrypt(ciphertext, ctx)) !== PLAINTEXT) throw new Error('round trip changed the plaintext');
  });
  return { phase, cache, concurrency, ops: MESSAGES, seconds, generateDataKey: calls.get('GenerateDataKeyCommand'), decrypt: calls.get('DecryptCommand') };
}

function report(values: number): LabInterpretation {
  return {
    title: 'Comprehensive panel',
    documentDate: '2026-03-14',
    labValues: Array.from({ length: values }, (_, i) => ({
      name: `Analyte ${i}`,
      value: i,
      unit: 'mg/dL',
      referenceRange: { low: 1, high: 10, text: '1-10' },
      flag: i % 3 === 0 ? ('high' as const) : ('normal' as const),
      explanation: 'A plain-language explanation of this value, about two sentences long. '.repeat(2),
    })),
    summary: 'Summary of the report. '.repeat(20),
    confidence: 0.9,
    advice: 'Discuss these results with your clinician.',
  };
}

async function main(): Promise<void> {
  const kms = new KMS({ maxAttempts: 3 });
  const calls = countKmsCalls(kms);
  const arn = await keyArn(kms);
  const cached = createPhiCipher({ keyArn: arn, cacheMaxAgeSeconds: 300, cacheMaxMessages: 1_000, kmsClient: kms });
  const uncached = createPhiCipher({ keyArn: arn, cacheMaxAgeSeconds: 0, cacheMaxMessages: 1_000, kmsClient: kms });
  const userId = randomUUID();
  const shared = context(userId);

  // Warm-up: first KMS call loads moto's KMS backend; first ECDSA use loads OpenSSL paths.
  await roundTrips('warm-up', uncached, calls, 'off', 4, () => shared);

  const rows: Row[] = [];
  for (const concurrency of [1, CONCURRENCY]) {
    rows.push(await roundTrips('one context', uncached, calls, 'off', concurrency, () => shared));
    rows.push(await roundTrips('one context', cached, calls, 'on', concurrency, () => shared));
    rows.push(await roundTrips('context per value', uncached, calls, 'off', concurrency, () => context(userId)));
    rows.push(await roundTrips('context per value', cached, calls, 'on', concurrency, () => context(userId)));
  }
  // Local crypto alone: the cache serves every data key, so this is the SDK's ceiling here.
  rows.push(await roundTrips('one context (cache warm)', cached, calls, 'on', 1, () => shared));

  const lines = [
    `PhiCipher encrypt+decrypt of ${PLAINTEXT.length} B, ${MESSAGES} round trips per row, KMS at ${process.env.AWS_ENDPOINT_URL ?? 'AWS'}`,
    ['phase', 'cache', 'conc', 'round trips/s', 'ms each', 'GenerateDataKey', 'Decrypt'].join(' | '),
    ...rows.map((r) =>
      [r.phase, r.cache, r.concurrency, (r.ops / r.seconds).toFixed(0), ((r.seconds * 1_000) / r.ops).toFixed(2), r.generateDataKey, r.decrypt].join(' | '),
    ),
  ];

  const small = await cached.encrypt('6.1', shared);
  lines.push(`ciphertext size: ${small.length} B for a 3-byte value; ${(await cached.encrypt(PLAINTEXT, shared)).length} B for ${PLAINTEXT.length} B`);

  for (const [label, cipher] of [['off', uncached], ['on', cached]] as const) {
    const documents = 10;
    calls.reset();
    const started = performance.now();
    for (let i = 0; i < documents; i += 1) await encryptLabContent(cipher, { userId, jobId: randomUUID(), modelId: 'bench', interpretation: report(30) });
    const ms = (performance.now() - started) / documents;
    lines.push(`encryptLabContent, 30-value report, cache ${label}: ${ms.toFixed(0)} ms per report, ${calls.get('GenerateDataKeyCommand') / documents} GenerateDataKey per report`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  kms.destroy();
}

await main();
