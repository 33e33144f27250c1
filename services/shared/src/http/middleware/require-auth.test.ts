import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServiceApp } from '../create-service-app.ts';
import { requireAuth } from './require-auth.ts';

const issuer = 'https://auth.test';
const audience = 'serenya-api';
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let privateKey: PrivateKey;
let publicKey: Awaited<ReturnType<typeof generateKeyPair>>['publicKey'];
let otherKey: PrivateKey;
/** An EC key the key set also trusts: an ES256 token it signs must still fail (the algorithm is pinned). */
let ecKey: PrivateKey;
let app: ReturnType<typeof createServiceApp>;

async function token(overrides: { iss?: string; aud?: string; exp?: number; key?: PrivateKey; sub?: string; alg?: string; kid?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: overrides.alg ?? 'RS256', kid: overrides.kid ?? 'k1' })
    .setSubject(overrides.sub ?? 'user-1')
    .setIssuer(overrides.iss ?? issuer)
    .setAudience(overrides.aud ?? audience)
    .setIssuedAt(now)
    .setExpirationTime(overrides.exp ?? now + 900)
    .sign(overrides.key ?? privateKey);
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicKey = pair.publicKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const ec = await generateKeyPair('ES256', { extractable: true });
  ecKey = ec.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  const ecJwk = { ...(await exportJWK(ec.publicKey)), kid: 'k2' };
  app = createServiceApp({ title: 't', version: '0' });
  app.use('/me', requireAuth({ issuer, audience, keys: createLocalJWKSet({ keys: [jwk, ecJwk] }) }));
  app.get('/me', (c) => c.json({ userId: c.get('userId') }));
});

const get = (authorization?: string) => app.request('/me', authorization ? { headers: { authorization } } : {});

describe('requireAuth', () => {
  it('puts the token subject on the context', async () => {
    const res = await get(`Bearer ${await token({ sub: 'abc' })}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: 'abc' });
  });

  it.each([
    ['no header', () => Promise.resolve(undefined)],
    ['another scheme', async () => `Basic ${await token()}`],
    ['wrong issuer', async () => `Bearer ${await token({ iss: 'https://evil.test' })}`],
    ['wrong audience', async () => `Bearer ${await token({ aud: 'other-api' })}`],
    ['expired beyond the skew', async () => `Bearer ${await token({ exp: Math.floor(Date.now() / 1000) - 120 })}`],
    ['signed by another key', async () => `Bearer ${await token({ key: otherKey })}`],
    ['ES256, even by a key in the set', async () => `Bearer ${await token({ alg: 'ES256', kid: 'k2', key: ecKey })}`],
    ['alg none', () => Promise.resolve(`Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`)],
  ])('answers 401 UNAUTHORIZED for %s', async (_name, header) => {
    const res = await get(await header());
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', category: 'validation' } });
  });

  it('answers 401 to a token whose payload or signature was tampered with', async () => {
    const genuine = await token({ sub: 'user-1' });
    const [header, payload, signature] = genuine.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${signature}`;
    const flipped = `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect((await get(`Bearer ${genuine}`)).status).toBe(200);
    for (const tampered of [forged, flipped]) {
      const res = await get(`Bearer ${tampered}`);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('answers 401 to alg none even with a signature part (so jose, not the header pattern, refuses it)', async () => {
    const unsigned = [{ alg: 'none', typ: 'JWT' }, { sub: 'x', iss: issuer, aud: audience, exp: Math.floor(Date.now() / 1000) + 900 }]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.');
    const res = await get(`Bearer ${unsigned}.AAAA`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('answers 401 to an HS256 token signed with the published RSA public key as the HMAC secret', async () => {
    // The algorithm-confusion attack: a verifier that let the token pick its algorithm would
    // check this HMAC with the public key, which everyone has.
    const { createPublicKey } = await import('node:crypto');
    const jwk = await exportJWK(publicKey);
    const pem = createPublicKey({ key: { kty: 'RSA', n: jwk.n!, e: jwk.e! }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    for (const secret of [pem, JSON.stringify(jwk)]) {
      const now = Math.floor(Date.now() / 1000);
      const confused = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
        .setSubject('attacker')
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + 900)
        .sign(new TextEncoder().encode(secret));
      const res = await get(`Bearer ${confused}`);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('accepts a token expired within the 60 s skew', async () => {
    const res = await get(`Bearer ${await token({ exp: Math.floor(Date.now() / 1000) - 30 })}`);
    expect(res.status).toBe(200);
  });
});

describe('requireAuth with a configured token header', () => {
  const header = 'x-forwarded-token';
  let headerApp: ReturnType<typeof createServiceApp>;
  beforeAll(async () => {
    // The same trusted key as above: only where the token is read from differs.
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    headerApp = createServiceApp({ title: 't', version: '0' });
    headerApp.use('/me', requireAuth({ issuer, audience, keys: createLocalJWKSet({ keys: [jwk] }), header }));
    headerApp.get('/me', (c) => c.json({ userId: c.get('userId') }));
  });
  const getWith = (headers: Record<string, string>) => headerApp.request('/me', { headers });

  it('reads the token from that header, verified as ever', async () => {
    expect((await getWith({ [header]: `Bearer ${await token({ sub: 'h' })}` })).status).toBe(200);
    expect((await getWith({ [header]: `Bearer ${await token({ aud: 'other-api' })}` })).status).toBe(401);
  });

  it('ignores Authorization then (there it holds something else)', async () => {
    expect((await getWith({ authorization: `Bearer ${await token()}` })).status).toBe(401);
  });
});
