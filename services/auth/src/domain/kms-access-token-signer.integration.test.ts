import { CreateKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
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

  it('signs ES256 tokens with a KMS key that verify against its published JWK', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', Description: 'serenya test jwt' }));
    const signer = await createKmsAccessTokenSigner(kms, KeyMetadata!.Arn!);
    const now = Math.floor(Date.now() / 1000);
    const token = await signer.sign({ sub: 'user-1', iss: 'https://auth.test', aud: 'serenya-api', iat: now, exp: now + 900, jti: 'j1' });

    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', typ: 'JWT', kid: signer.kid });
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [signer.publicJwk] }), { issuer: 'https://auth.test', audience: 'serenya-api', algorithms: ['ES256'] });
    expect(payload).toMatchObject({ sub: 'user-1', jti: 'j1', exp: now + 900 });
    expect(signer.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(signer.publicJwk).not.toHaveProperty('d');
  });

  it('refuses a key that cannot sign ES256', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT' }));
    await expect(createKmsAccessTokenSigner(kms, KeyMetadata!.KeyId!)).rejects.toThrow(/ECC_NIST_P256 SIGN_VERIFY/);
  });
});
