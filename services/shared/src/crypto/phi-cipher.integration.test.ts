import { randomUUID } from 'node:crypto';
import { CreateAliasCommand, CreateKeyCommand, KMSClient, UpdateAliasCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsTestEnvironment, getTestBackend } from '../../../../emulation/src/testing/backend.ts';
import { createDocumentResources } from '../../../../emulation/src/testing/document-resources.ts';
import { createPhiCipher, type PhiCipher, type PhiCipherOptions } from './phi-cipher.ts';
import type { PhiContext } from './phi-context.ts';
import { PhiDecryptionError } from './phi-decryption-error.ts';
import { countKmsCalls, type KmsCallCounts } from './testing/kms-call-counter.ts';

let keyArn: string;
let kms: KMSClient;
let calls: KmsCallCounts;
let cipher: PhiCipher;

/** A fresh cipher on the test key, with its own counted KMS client (endpoint from the environment). */
function newCipher(options: Partial<PhiCipherOptions> = {}): { cipher: PhiCipher; calls: KmsCallCounts; kms: KMSClient } {
  const client = options.kmsClient ?? new KMSClient({});
  const counts = countKmsCalls(client);
  return { cipher: createPhiCipher({ keyArn, cacheMaxAgeSeconds: 300, cacheMaxMessages: 1000, ...options, kmsClient: client }), calls: counts, kms: client };
}

function context(overrides: Partial<PhiContext> = {}): PhiContext {
  return { userId: randomUUID(), table: 'contents', rowId: randomUUID(), column: 'summary_enc', ...overrides };
}

async function decryptionFailure(promise: Promise<unknown>): Promise<PhiDecryptionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PhiDecryptionError);
  return error as PhiDecryptionError;
}

beforeAll(async () => {
  // Only the environment points the SDK at moto: the code under test sets no endpoint.
  for (const [name, value] of Object.entries(awsTestEnvironment())) vi.stubEnv(name, value);
  ({ phiKeyArn: keyArn } = await createDocumentResources(getTestBackend().aws));
  ({ cipher, calls, kms } = newCipher());
});

afterAll(() => {
  kms?.destroy();
  vi.unstubAllEnvs();
});

describe('PhiCipher round trip', () => {
  it.each([
    ['ASCII', 'Hemoglobin A1c 7.9 % is above the reference range.'],
    ['non-ASCII', 'Glukose nüchtern 126 mg/dl — erhöht; 血糖値 🩸'],
    ['empty', ''],
    ['large', 'x'.repeat(300_000)],
  ])('decrypts %s text back to the same string', async (_label, plaintext) => {
    const ctx = context();
    const ciphertext = await cipher.encrypt(plaintext, ctx);
    await expect(cipher.decrypt(ciphertext, ctx)).resolves.toBe(plaintext);
  });

  it('writes ciphertext that contains neither the plaintext bytes nor its base64, but only ids in the header', async () => {
    const plaintext = 'Total cholesterol 262 mg/dL, flagged HIGH for Jane Doe';
    const ctx = context();
    const ciphertext = await cipher.encrypt(plaintext, ctx);
    expect(ciphertext.includes(Buffer.from(plaintext, 'utf8'))).toBe(false);
    expect(ciphertext.includes(Buffer.from('cholesterol'))).toBe(false);
    expect(ciphertext.includes(Buffer.from(Buffer.from(plaintext).toString('base64')))).toBe(false);
    // The context is plaintext in the header, by design: ids and names only.
    expect(ciphertext.includes(Buffer.from(ctx.rowId))).toBe(true);
    expect(ciphertext.includes(Buffer.from('serenya:user'))).toBe(true);
  });

  it('makes a different ciphertext each time for the same plaintext and context', async () => {
    const ctx = context();
    const [a, b] = await Promise.all([cipher.encrypt('same', ctx), cipher.encrypt('same', ctx)]);
    expect(a.equals(b)).toBe(false);
  });

  it('decrypts with another cipher instance (another process) on the same key', async () => {
    const ctx = context();
    const ciphertext = await cipher.encrypt('shared across processes', ctx);
    const other = newCipher({ cacheMaxAgeSeconds: 0 });
    await expect(other.cipher.decrypt(ciphertext, ctx)).resolves.toBe('shared across processes');
    other.kms.destroy();
  });
});

describe('PhiCipher context binding', () => {
  const original = context({ table: 'lab_values', column: 'value_enc' });
  let ciphertext: Buffer;
  beforeAll(async () => {
    ciphertext = await cipher.encrypt('{"name":"Potassium","value":6.1}', original);
  });

  it.each<[string, Partial<PhiContext>]>([
    ['another row', { rowId: randomUUID() }],
    ['another user', { userId: randomUUID() }],
    ['another column', { column: 'summary_enc' }],
    ['another table', { table: 'contents' }],
  ])('refuses a ciphertext moved to %s, with reason context-mismatch', async (_label, change) => {
    const error = await decryptionFailure(cipher.decrypt(ciphertext, { ...original, ...change }));
    expect(error.reason).toBe('context-mismatch');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('Potassium');
  });

  it('accepts the same ids spelled in upper case (PostgreSQL returns lower case)', async () => {
    await expect(cipher.decrypt(ciphertext, { ...original, userId: original.userId.toUpperCase() })).resolves.toContain('Potassium');
  });
});

describe('PhiCipher tamper detection', () => {
  it('refuses the ciphertext with any one of a spread of bytes flipped (header, data key, body, signature)', async () => {
    const ctx = context();
    const ciphertext = await cipher.encrypt('Creatinine 1.9 mg/dL, high', ctx);
    const positions = new Set([0, 1, 2, 20, 40, 60, 100, 150, 200, 300, ciphertext.length - 120, ciphertext.length - 40, ciphertext.length - 1]);
    for (const position of positions) {
      const tampered = Buffer.from(ciphertext);
      tampered[position] = (tampered[position] ?? 0) ^ 0x01;
      const error = await decryptionFailure(cipher.decrypt(tampered, ctx));
      expect(error.reason, `byte ${position} of ${ciphertext.length}`).toBe('invalid-ciphertext');
    }
  });

  it('refuses bytes that are not an Encryption SDK message, and a truncated one', async () => {
    const ctx = context();
    const ciphertext = await cipher.encrypt('Sodium 128 mmol/L', ctx);
    expect((await decryptionFailure(cipher.decrypt(Buffer.from('not a message'), ctx))).reason).toBe('invalid-ciphertext');
    expect((await decryptionFailure(cipher.decrypt(ciphertext.subarray(0, ciphertext.length - 10), ctx))).reason).toBe('invalid-ciphertext');
  });

  it('refuses a message made under another KMS key, without asking KMS', async () => {
    const other = await createDocumentResources(getTestBackend().aws);
    const foreign = newCipher({ keyArn: other.phiKeyArn });
    const ctx = context();
    const ciphertext = await foreign.cipher.encrypt('Ferritin 8 ng/mL', ctx);
    calls.reset();
    expect((await decryptionFailure(cipher.decrypt(ciphertext, ctx))).reason).toBe('invalid-ciphertext');
    expect(calls.get('DecryptCommand')).toBe(0);
    foreign.kms.destroy();
  });
});

describe('PhiCipher on an alias ARN', () => {
  it('encrypts and decrypts, and reads values written under the key ARN the alias points to', async () => {
    const aliasName = `alias/serenya-phi-it-${randomUUID().slice(0, 8)}`;
    await kms.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: keyArn }));
    const aliasArn = keyArn.replace(/key\/.+$/, aliasName);
    const viaAlias = newCipher({ keyArn: aliasArn });
    const ctx = context();
    const underAlias = await viaAlias.cipher.encrypt('TSH 7.2 mIU/L', ctx);
    await expect(viaAlias.cipher.decrypt(underAlias, ctx)).resolves.toBe('TSH 7.2 mIU/L');
    await expect(cipher.decrypt(underAlias, ctx)).resolves.toBe('TSH 7.2 mIU/L');
    const underKey = await cipher.encrypt('Free T4 0.7 ng/dL', ctx);
    await expect(viaAlias.cipher.decrypt(underKey, ctx)).resolves.toBe('Free T4 0.7 ng/dL');
    viaAlias.kms.destroy();
  });

  it('still reads values written before the alias was moved to a new key', async () => {
    const { KeyMetadata: first } = await kms.send(new CreateKeyCommand({ Description: 'serenya phi alias test A' }));
    const { KeyMetadata: second } = await kms.send(new CreateKeyCommand({ Description: 'serenya phi alias test B' }));
    const aliasName = `alias/serenya-phi-move-${randomUUID().slice(0, 8)}`;
    await kms.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: first!.KeyId! }));
    const aliasArn = first!.Arn!.replace(/key\/.+$/, aliasName);
    const ctx = context();
    const before = newCipher({ keyArn: aliasArn });
    const old = await before.cipher.encrypt('written under key A', ctx);
    await kms.send(new UpdateAliasCommand({ AliasName: aliasName, TargetKeyId: second!.KeyId! }));
    const after = newCipher({ keyArn: aliasArn });
    const fresh = await after.cipher.encrypt('written under key B', ctx);
    await expect(after.cipher.decrypt(old, ctx)).resolves.toBe('written under key A');
    await expect(after.cipher.decrypt(fresh, ctx)).resolves.toBe('written under key B');
    before.kms.destroy();
    after.kms.destroy();
  });
});

describe('PhiCipher data-key caching', () => {
  it('makes at most one GenerateDataKey for 20 encrypts under one context, and one Decrypt for 20 decrypts', async () => {
    const cached = newCipher();
    const ctx = context();
    const ciphertexts: Buffer[] = [];
    for (let i = 0; i < 20; i += 1) ciphertexts.push(await cached.cipher.encrypt(`value ${i}`, ctx));
    expect(cached.calls.get('GenerateDataKeyCommand')).toBeLessThanOrEqual(1);

    const reader = newCipher();
    for (const [i, ciphertext] of ciphertexts.entries()) await expect(reader.cipher.decrypt(ciphertext, ctx)).resolves.toBe(`value ${i}`);
    expect(reader.calls.get('DecryptCommand')).toBeLessThanOrEqual(1);
    cached.kms.destroy();
    reader.kms.destroy();
  });

  it('calls KMS for every message with caching off (cacheMaxAgeSeconds 0)', async () => {
    const uncached = newCipher({ cacheMaxAgeSeconds: 0 });
    const ctx = context();
    const ciphertexts: Buffer[] = [];
    for (let i = 0; i < 5; i += 1) ciphertexts.push(await uncached.cipher.encrypt(`value ${i}`, ctx));
    for (const ciphertext of ciphertexts) await uncached.cipher.decrypt(ciphertext, ctx);
    expect(uncached.calls.get('GenerateDataKeyCommand')).toBe(5);
    expect(uncached.calls.get('DecryptCommand')).toBe(5);
    uncached.kms.destroy();
  });

  it('never shares a data key between contexts: one GenerateDataKey per distinct row', async () => {
    const cached = newCipher();
    const userId = randomUUID();
    for (let i = 0; i < 5; i += 1) await cached.cipher.encrypt('v', context({ userId }));
    expect(cached.calls.get('GenerateDataKeyCommand')).toBe(5);
    cached.kms.destroy();
  });

  it('takes a new data key after cacheMaxMessages messages', async () => {
    const cached = newCipher({ cacheMaxMessages: 3 });
    const ctx = context();
    for (let i = 0; i < 7; i += 1) await cached.cipher.encrypt('v', ctx);
    expect(cached.calls.get('GenerateDataKeyCommand')).toBe(3);
    cached.kms.destroy();
  });
});

describe('PhiCipher when KMS fails', () => {
  it('reports an unreachable KMS as key-unavailable and retryable, not as a bad ciphertext', async () => {
    const ctx = context();
    const ciphertext = await cipher.encrypt('Vitamin D 12 ng/mL', ctx);
    const { aws } = getTestBackend();
    const dead = new KMSClient({ endpoint: 'http://127.0.0.1:9', region: aws.region, maxAttempts: 1, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const offline = newCipher({ kmsClient: dead });
    const error = await decryptionFailure(offline.cipher.decrypt(ciphertext, ctx));
    expect(error).toMatchObject({ reason: 'key-unavailable', retryable: true });
    dead.destroy();
  });

  it('lets an encrypt failure through as the AWS SDK error, for the caller to retry', async () => {
    const { aws } = getTestBackend();
    const dead = new KMSClient({ endpoint: 'http://127.0.0.1:9', region: aws.region, maxAttempts: 1, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const offline = newCipher({ kmsClient: dead });
    await expect(offline.cipher.encrypt('x', context())).rejects.not.toBeInstanceOf(PhiDecryptionError);
    dead.destroy();
  });
});
