import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { startMotoServer, type MotoServer } from './moto.ts';

async function withKms<T>(moto: MotoServer, work: (kms: KMSClient) => Promise<T>): Promise<T> {
  const kms = new KMSClient({ endpoint: moto.endpoint, region: moto.region, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  try {
    return await work(kms);
  } finally {
    kms.destroy();
  }
}

const createKey = (kms: KMSClient, description: string) => kms.send(new CreateKeyCommand({ Description: description })).then((out) => out.KeyMetadata!);

describe('moto with stable KMS keys (npm run local)', () => {
  it('creates the same key again in a new moto process, which decrypts what the first one encrypted', { timeout: 60_000 }, async () => {
    const first = await startMotoServer({ stableKmsKeys: true });
    let keyId: string;
    let ciphertext: Uint8Array;
    try {
      ({ keyId, ciphertext } = await withKms(first, async (kms) => {
        const key = await createKey(kms, 'Serenya development: phi');
        expect((await createKey(kms, 'Serenya development: documents')).KeyId).not.toBe(key.KeyId);
        const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('kept PHI') }));
        return { keyId: key.KeyId!, ciphertext: CiphertextBlob! };
      }));
    } finally {
      await first.stop();
    }

    const second = await startMotoServer({ stableKmsKeys: true });
    try {
      await withKms(second, async (kms) => {
        expect((await createKey(kms, 'Serenya development: phi')).KeyId).toBe(keyId);
        const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: ciphertext }));
        expect(Buffer.from(Plaintext!).toString()).toBe('kept PHI');
      });
    } finally {
      await second.stop();
    }
  });

  it('keeps random keys by default (tests)', { timeout: 60_000 }, async () => {
    const ids: string[] = [];
    for (let run = 0; run < 2; run += 1) {
      const moto = await startMotoServer();
      try {
        ids.push(await withKms(moto, async (kms) => (await createKey(kms, 'same description')).KeyId!));
      } finally {
        await moto.stop();
      }
    }
    expect(ids[0]).not.toBe(ids[1]);
  });
});
