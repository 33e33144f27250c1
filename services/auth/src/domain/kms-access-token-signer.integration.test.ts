import { CreateKeyCommand, type CreateKeyCommandInput, type KMSClient } from '@aws-sdk/client-kms';
import { createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsTestEnvironment } from '../../../../emulation/src/testing/backend.ts';
import { createKmsAccessTokenSigner } from './kms-access-token-signer.ts';

describe('KMS access-token signer (moto KMS through AWS_ENDPOINT_URL)', () => {
  let kms: KMSClient;
  beforeAll(async () => {
    // Only environment reaches the SDK: the same factory code as in AWS.
    for (const [key, value] of Object.entries(awsTestEnvironment())) vi.stubEnv(key, value);
    const { kmsClient } = await import('#shared/aws/clients.ts');
    kms = kmsClient();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  const createKey = async (input: CreateKeyCommandInput) => (await kms.send(new CreateKeyCommand({ Description: 'serenya test jwt', ...input }))).KeyMetadata!;
  const claims = (now: number) => ({ sub: 'user-1', iss: 'https://auth.test', aud: 'serenya-api', iat: now, exp: now + 900, jti: 'j1' });

  it('signs RS256 tokens with a KMS key that verify against its published JWK', async () => {
    const key = await createKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    const signer = await createKmsAccessTokenSigner(kms, key.Arn!);
    const now = Math.floor(Date.now() / 1000);
    const token = await signer.sign(claims(now));

    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT', kid: signer.kid });
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [signer.publicJwk] }), { issuer: 'https://auth.test', audience: 'serenya-api', algorithms: ['RS256'] });
    expect(payload).toMatchObject({ sub: 'user-1', jti: 'j1', exp: now + 900 });
    expect(Object.keys(signer.publicJwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(signer.publicJwk).toMatchObject({ kty: 'RSA', e: 'AQAB', alg: 'RS256', use: 'sig', kid: signer.kid });
    // A 2048-bit modulus is 256 bytes: 342 base64url characters.
    expect(signer.publicJwk.n).toHaveLength(342);
  });

  it('makes tokens that only its own public key verifies', async () => {
    const [first, second] = await Promise.all([createKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }), createKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' })]);
    const signer = await createKmsAccessTokenSigner(kms, first.KeyId!);
    const other = await createKmsAccessTokenSigner(kms, second.KeyId!);
    expect(other.kid).not.toBe(signer.kid);
    const token = await other.sign(claims(Math.floor(Date.now() / 1000)));
    await expect(jwtVerify(token, await importJWK(other.publicJwk, 'RS256'), { algorithms: ['RS256'] })).resolves.toBeDefined();
    await expect(jwtVerify(token, await importJWK(signer.publicJwk, 'RS256'), { algorithms: ['RS256'] })).rejects.toThrow(/signature verification failed/);
  });

  it.each([
    ['an ECC_NIST_P256 signing key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }, /key spec is ECC_NIST_P256/],
    ['an RSA_2048 encryption key', { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }, /usage is ENCRYPT_DECRYPT/],
    ['a symmetric key', { KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT' }, /usage is ENCRYPT_DECRYPT/],
  ] as const)('refuses %s with an error that names the key it needs', async (_name, input, found) => {
    const key = await createKey(input);
    const refusal = createKmsAccessTokenSigner(kms, key.KeyId!);
    await expect(refusal).rejects.toThrow(`KMS key ${key.KeyId!} must be an RSA_2048 (or RSA_3072/RSA_4096) SIGN_VERIFY key that can sign RSASSA_PKCS1_V1_5_SHA_256`);
    await expect(refusal).rejects.toThrow(found);
  });
});
