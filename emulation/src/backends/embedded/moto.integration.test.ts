import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMotoServer, type MotoServer } from './moto.ts';

// One server for the whole file; the last test stops it.
let moto: MotoServer;
let kms: KMSClient;

beforeAll(async () => {
  moto = await startMotoServer();
  kms = new KMSClient({
    endpoint: moto.endpoint,
    region: moto.region,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
});
afterAll(async () => {
  kms.destroy();
  await moto.stop();
});

describe('startMotoServer', () => {
  it('listens on 127.0.0.1 in eu-west-1 and has warmed every service Serenya uses', () => {
    expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(moto.region).toBe('eu-west-1');
    expect(Object.keys(moto.warmUpByServiceMs).sort()).toEqual(
      ['dynamodb', 'kms', 'logs', 'monitoring', 's3', 'secretsmanager', 'sqs', 'sts'],
    );
    expect(moto.startMs).toBeGreaterThanOrEqual(moto.readyMs + moto.warmUpMs - 1);
  });

  it('serves KMS to the real SDK: CreateKey, Encrypt and Decrypt bound to an encryption context', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'serenya test key' }));
    const keyId = KeyMetadata?.KeyId;
    expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
    const context = { userId: 'user-1', table: 'lab_values' };
    const plaintext = new TextEncoder().encode('haemoglobin 13.5 g/dL');

    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context }));
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context }));

    expect(CiphertextBlob).toBeDefined();
    expect(Buffer.from(CiphertextBlob ?? []).includes(Buffer.from(plaintext))).toBe(false);
    expect(new TextDecoder().decode(decrypted.Plaintext)).toBe('haemoglobin 13.5 g/dL');
    expect(decrypted.KeyId).toContain(keyId);
    await expect(
      kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { ...context, userId: 'user-2' } })),
    ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  });

  it('keeps moto quiet but its log at hand', () => {
    expect(moto.logTail().some((line) => line.includes('POST /moto-api/reset'))).toBe(true);
  });

  it('names the set-up script when the venv is missing', async () => {
    await expect(startMotoServer({ python: '/nonexistent/.venv/bin/python' })).rejects.toThrow(/bash scripts\/setup\.sh/);
  });

  // Last: it stops the file's server.
  it('stops: SIGTERM ends the process and frees the port, idempotently', async () => {
    await Promise.all([moto.stop(), moto.stop()]);
    await moto.stop();

    await expect(fetch(`${moto.endpoint}/moto-api/reset`, { method: 'POST' })).rejects.toThrow();
  });
});
