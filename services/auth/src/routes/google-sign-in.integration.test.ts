import { SignJWT, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthTestContext, type AuthTestContext } from '../testing/auth-test-context.ts';

let ctx: AuthTestContext;
beforeAll(async () => {
  ctx = await createAuthTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; category: string; message: string; requestId: string } }).error;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('POST /auth/google', () => {
  it('signs in a new user and returns a session whose access token verifies against the JWKS', async () => {
    const email = `happy-${crypto.randomUUID()}@example.test`;
    const idToken = await ctx.mintGoogleIdToken({ email, name: 'Ada Example', sub: '109876543210987654321' });
    const res = await ctx.postJson('/auth/google', { idToken });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { accessToken: string; refreshToken: string; user: { id: string } };
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email, name: 'Ada Example' } });
    expect(body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const { payload, protectedHeader } = await ctx.verifyAccessToken(body.accessToken);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(protectedHeader.kid).toBe(((await (await ctx.app.request('/.well-known/jwks.json')).json()) as { keys: Array<{ kid: string }> }).keys[0]?.kid);
    expect(payload.sub).toBe(body.user.id);
    expect(payload.exp! - payload.iat!).toBe(900);

    const row = await ctx.adminDb.selectFrom('users').selectAll().where('id', '=', body.user.id).executeTakeFirstOrThrow();
    expect(row.google_sub).toBe('109876543210987654321');
    // E-mail and name are ciphertext bound to the row: a raw SELECT shows neither.
    const raw = JSON.stringify(row) + row.email_enc.toString('latin1') + (row.name_enc?.toString('latin1') ?? '');
    expect(raw).not.toContain(email);
    expect(raw).not.toContain('Ada Example');
    const { readUserIdentity } = await import('../domain/users.ts');
    expect(await readUserIdentity(ctx.db, ctx.deps.cipher, body.user.id)).toEqual({ id: body.user.id, email, name: 'Ada Example' });
  });

  it('publishes only the public half of the signing key at /.well-known/jwks.json, cacheable', async () => {
    const res = await ctx.app.request('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const { keys } = (await res.json()) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: (await ctx.deps.signer).kid });
  });

  it('finds the user again by Google sub, never by e-mail', async () => {
    const sub = '100000000000000000001';
    const first = await ctx.signIn(`first-${crypto.randomUUID()}@example.test`, { sub });
    const renamed = await ctx.signIn(`renamed-${crypto.randomUUID()}@example.test`, { sub, name: 'New Name' });
    expect(renamed.user.id).toBe(first.user.id);
    expect(renamed.user.name).toBe('New Name');

    const sharedEmail = `shared-${crypto.randomUUID()}@example.test`;
    const a = await ctx.signIn(sharedEmail, { sub: '100000000000000000002' });
    const b = await ctx.signIn(sharedEmail, { sub: '100000000000000000003' });
    expect(a.user.id).not.toBe(b.user.id);
  });

  it('writes a success audit row with the user as actor', async () => {
    const res = await ctx.postJson('/auth/google', { idToken: await ctx.mintGoogleIdToken({ email: `audit-${crypto.randomUUID()}@example.test` }) });
    const body = (await res.json()) as { user: { id: string } };
    const rows = await ctx.auditRows(res.headers.get('x-request-id')!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.sign_in', outcome: 'success', actor_id: body.user.id, resource_type: 'refresh_token_family', reason: null });
  });

  it.each([
    ['a wrong audience', { audience: 'someone-else.apps.googleusercontent.com' }],
    ['a wrong issuer', { issuer: 'https://accounts.evil.test' }],
    ['an expired token (beyond the 60 s skew)', { expiresInSeconds: -120 }],
    ['a token issued in the future (beyond the skew)', { issuedAtOffsetSeconds: 600 }],
  ])('rejects %s with 401 INVALID_GOOGLE_TOKEN and audits the failure', async (_name, overrides) => {
    const idToken = await ctx.mintGoogleIdToken({ email: 'x@example.test', ...overrides });
    const res = await ctx.postJson('/auth/google', { idToken });
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'INVALID_GOOGLE_TOKEN', category: 'validation' });
    const rows = await ctx.auditRows(error.requestId);
    expect(rows).toEqual([expect.objectContaining({ action: 'auth.sign_in', outcome: 'failure', reason: 'INVALID_GOOGLE_TOKEN', actor_id: null })]);
  });

  it('accepts a token expired within the 60 s skew', async () => {
    const idToken = await ctx.mintGoogleIdToken({ email: `skew-${crypto.randomUUID()}@example.test`, expiresInSeconds: -30 });
    expect((await ctx.postJson('/auth/google', { idToken })).status).toBe(200);
  });

  it('rejects a tampered signature', async () => {
    const idToken = await ctx.mintGoogleIdToken({ email: 'tamper@example.test' });
    const [header, payload, signature] = idToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${b64({ ...claims, email: 'admin@example.test' })}.${signature}`;
    const flipped = `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    for (const token of [forged, flipped]) {
      const res = await ctx.postJson('/auth/google', { idToken: token });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('INVALID_GOOGLE_TOKEN');
    }
  });

  it('rejects alg: none', async () => {
    const idToken = await ctx.mintGoogleIdToken({ email: 'none@example.test' });
    const payload = idToken.split('.')[1]!;
    const res = await ctx.postJson('/auth/google', { idToken: `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.` });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('INVALID_GOOGLE_TOKEN');
  });

  it('rejects an HS256 token signed with the public key as the HMAC secret', async () => {
    const genuine = await ctx.mintGoogleIdToken({ email: 'hs@example.test' });
    const { kid } = decodeProtectedHeader(genuine);
    const jwks = (await (await fetch(ctx.backend.google.jwksUri)).json()) as { keys: Array<{ kid: string; n: string; e: string }> };
    const publicJwk = jwks.keys.find((k) => k.kid === kid)!;
    const { createPublicKey } = await import('node:crypto');
    const pem = createPublicKey({ key: { kty: 'RSA', n: publicJwk.n, e: publicJwk.e }, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const claims = JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const confused = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: kid! }).sign(new TextEncoder().encode(pem.toString()));
    const res = await ctx.postJson('/auth/google', { idToken: confused });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('INVALID_GOOGLE_TOKEN');
  });

  it('answers an unverified e-mail with 403 EMAIL_NOT_VERIFIED and creates no user', async () => {
    const before = await ctx.countUsers();
    const idToken = await ctx.mintGoogleIdToken({ email: `unverified-${crypto.randomUUID()}@example.test`, emailVerified: false });
    const res = await ctx.postJson('/auth/google', { idToken });
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'EMAIL_NOT_VERIFIED', category: 'business' });
    expect(await ctx.countUsers()).toBe(before);
    expect(await ctx.auditRows(error.requestId)).toEqual([
      expect.objectContaining({ action: 'auth.sign_in', outcome: 'failure', reason: 'EMAIL_NOT_VERIFIED', actor_id: null }),
    ]);
  });

  it.each([
    ['malformed JSON', '{"idToken": ', 'VALIDATION_ERROR', undefined],
    ['a missing idToken', {}, 'VALIDATION_ERROR', 'idToken'],
    ['a wrong-typed idToken', { idToken: 42 }, 'VALIDATION_ERROR', 'idToken'],
    ['an empty idToken', { idToken: '' }, 'VALIDATION_ERROR', 'idToken'],
  ])('answers %s with 400 %s', async (_name, body, code, field) => {
    const res = await ctx.postJson('/auth/google', body);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    if (field) expect(error.message).toContain(field);
  });

  it('rejects a token that is not a JWT at all with 401', async () => {
    const res = await ctx.postJson('/auth/google', { idToken: 'not-a-jwt' });
    expect(res.status).toBe(401);
  });
});
