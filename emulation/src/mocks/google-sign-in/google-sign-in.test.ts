import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, errors as joseErrors } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleSubjectForEmail } from './google-claims.ts';
import { startGoogleSignIn, type GoogleSignIn } from './index.ts';

const CLIENT_ID = 'test-client.apps.googleusercontent.com';
let google: GoogleSignIn;
let jwks: ReturnType<typeof createRemoteJWKSet>;

beforeAll(async () => {
  google = await startGoogleSignIn({ clientId: CLIENT_ID });
  jwks = createRemoteJWKSet(new URL(google.jwksUri));
});
afterAll(() => google.stop());

async function postIdToken(body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(google.idTokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

async function mint(body: Record<string, unknown>): Promise<string> {
  const response = await postIdToken(body);
  expect(response.status).toBe(200);
  const { idToken } = (await response.json()) as { idToken: string };
  return idToken;
}

function verifyAsGoogleClient(token: string) {
  return jwtVerify(token, jwks, { issuer: google.issuer, audience: CLIENT_ID, algorithms: ['RS256'] });
}

describe('Google sign-in stand-in', () => {
  it('serves on 127.0.0.1 with discovery pointing at its JWKS', async () => {
    expect(google.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(google.clientId).toBe(CLIENT_ID);
    const discovery = (await (await fetch(`${google.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;

    expect(discovery.issuer).toBe(google.issuer);
    expect(discovery.jwks_uri).toBe(google.jwksUri);
    const keySet = (await (await fetch(google.jwksUri)).json()) as { keys: Array<Record<string, unknown>> };
    expect(keySet.keys).toHaveLength(1);
    expect(keySet.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect(keySet.keys[0]).not.toHaveProperty('d');
  });

  it('mints an RS256 ID token with Google claims that verifies against the remote JWKS', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await mint({ email: 'jane.doe@example.com' });

    const { payload, protectedHeader } = await verifyAsGoogleClient(token);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) as unknown });
    expect(payload).toMatchObject({
      iss: google.issuer,
      aud: CLIENT_ID,
      azp: CLIENT_ID,
      sub: googleSubjectForEmail('jane.doe@example.com'),
      email: 'jane.doe@example.com',
      email_verified: true,
      name: 'Jane Doe',
    });
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.iat).toBeLessThanOrEqual(before + 5);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('uses the given name, subject and e-mail verification state', async () => {
    const token = await mint({ email: 'x@example.com', name: 'Ada Lovelace', sub: '109876543210987654321', emailVerified: false });

    const { payload } = await verifyAsGoogleClient(token);
    expect(payload).toMatchObject({ name: 'Ada Lovelace', sub: '109876543210987654321', email_verified: false });
  });

  it('mints tokens for another audience or issuer that a Google client must reject', async () => {
    const foreignAudience = await mint({ email: 'jane@example.com', audience: 'someone-else' });
    const foreignIssuer = await mint({ email: 'jane@example.com', issuer: 'https://evil.example' });

    await expect(verifyAsGoogleClient(foreignAudience)).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
    await expect(verifyAsGoogleClient(foreignIssuer)).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' });
    // Still signed by the stand-in: only the claims are wrong.
    const { payload } = await jwtVerify(foreignAudience, jwks, { audience: 'someone-else' });
    expect(payload.azp).toBe('someone-else');
  });

  it('mints expired and not-yet-valid tokens', async () => {
    const expired = await mint({ email: 'jane@example.com', expiresInSeconds: -60 });
    const future = await mint({ email: 'jane@example.com', issuedAtOffsetSeconds: 600 });

    await expect(verifyAsGoogleClient(expired)).rejects.toBeInstanceOf(joseErrors.JWTExpired);
    await expect(verifyAsGoogleClient(future)).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'nbf' });
    const { payload } = await jwtVerify(future, jwks, { currentDate: new Date(Date.now() + 700_000) });
    expect((payload.iat ?? 0) - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(595);
    expect(decodeProtectedHeader(expired).alg).toBe('RS256');
  });

  it.each([
    ['no e-mail', { name: 'Jane' }, 'email'],
    ['a malformed e-mail', { email: 'not-an-email' }, 'email'],
    ['an unknown field', { email: 'jane@example.com', email_verified: true }, 'email_verified'],
    ['a non-integer lifetime', { email: 'jane@example.com', expiresInSeconds: 1.5 }, 'expiresInSeconds'],
    ['malformed JSON', '{"email": ', 'JSON'],
  ])('answers 400 VALIDATION_ERROR to %s', async (_case, body, mentioned) => {
    const response = await postIdToken(body);

    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toContain(mentioned);
  });

  it('answers 405 to GET and 404 to unknown dev routes', async () => {
    const get = await fetch(google.idTokenUrl);
    const unknown = await fetch(`${google.issuer}/dev/nothing`, { method: 'POST' });

    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('closes its port on stop, idempotently', async () => {
    const other = await startGoogleSignIn();
    await (await fetch(other.jwksUri)).arrayBuffer();

    await Promise.all([other.stop(), other.stop()]);
    await other.stop();

    await expect(fetch(other.jwksUri)).rejects.toThrow();
  });
});
