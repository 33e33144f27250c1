import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors/index.ts';
import { createLocalAccessTokenSigner } from '../domain/local-access-token-signer.ts';
import { createAuthTestContext, type AuthTestContext } from '../testing/auth-test-context.ts';
import { codeOf } from '../../../../emulation/src/testing/service-test-backend.ts';

let ctx: AuthTestContext;
beforeAll(async () => {
  ctx = await createAuthTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const refresh = (refreshToken: unknown) => ctx.postJson('/auth/refresh', { refreshToken });

describe('POST /auth/refresh', () => {
  it('rotates: a new access token and a new refresh token, and the row stores only a hash', async () => {
    const session = await ctx.signIn();
    const res = await refresh(session.refreshToken);
    expect(res.status).toBe(200);
    const next = (await res.json()) as { accessToken: string; refreshToken: string; tokenType: string; expiresIn: number };
    expect(next.tokenType).toBe('Bearer');
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect((await ctx.verifyAccessToken(next.accessToken)).payload.sub).toBe(session.user.id);

    const stored = await ctx.adminDb.selectFrom('refresh_tokens').select('token_hash').execute();
    const raw = stored.map((r) => r.token_hash.toString('base64url'));
    expect(raw).not.toContain(next.refreshToken);
    expect(stored.every((r) => r.token_hash.length === 32)).toBe(true);

    // The rotated token keeps working for its successor.
    expect((await refresh(next.refreshToken)).status).toBe(200);
  });

  it('revokes the whole family when a rotated token is reused', async () => {
    const session = await ctx.signIn();
    const second = (await (await refresh(session.refreshToken)).json()) as { refreshToken: string };

    const reuse = await refresh(session.refreshToken);
    expect(reuse.status).toBe(401);
    expect(await codeOf(reuse)).toBe('REFRESH_TOKEN_REUSED');

    // The thief's (or the victim's) newer token is dead too.
    const after = await refresh(second.refreshToken);
    expect(after.status).toBe(401);
    expect(await codeOf(after)).toBe('INVALID_REFRESH_TOKEN');

    const families = await ctx.adminDb.selectFrom('refresh_token_families').selectAll().where('user_id', '=', session.user.id).execute();
    expect(families).toHaveLength(1);
    expect(families[0]).toMatchObject({ revoked_reason: 'reuse_detected' });
    expect(families[0]?.revoked_at).toBeInstanceOf(Date);

    const audit = await ctx.auditRows('auth.refresh_reuse_detected');
    expect(audit.filter((r) => r.actor_id === session.user.id)).toEqual([
      expect.objectContaining({ outcome: 'failure', reason: 'REFRESH_TOKEN_REUSED', resource_id: families[0]?.id }),
    ]);
  });

  it('lets exactly one of several concurrent refreshes with the same token win', async () => {
    const session = await ctx.signIn();
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(session.refreshToken)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401, 401, 401]);
    const codes = await Promise.all(results.filter((r) => r.status === 401).map(codeOf));
    // A loser that began while the winner's rotation was in flight gets INVALID_REFRESH_TOKEN;
    // one that began after it committed (possible on a loaded machine) is a replay. One winner.
    expect(codes.every((c) => c === 'REFRESH_TOKEN_REUSED' || c === 'INVALID_REFRESH_TOKEN')).toBe(true);
    const issued = await ctx.adminDb
      .selectFrom('refresh_tokens as t')
      .innerJoin('refresh_token_families as f', 'f.id', 't.family_id')
      .select('t.id')
      .where('f.user_id', '=', session.user.id)
      .execute();
    expect(issued).toHaveLength(2); // the original and exactly one successor
  });

  it('rejects an unknown, a malformed and an expired token with 401 INVALID_REFRESH_TOKEN', async () => {
    const unknown = Buffer.alloc(32, 7).toString('base64url');
    expect(await codeOf(await refresh(unknown))).toBe('INVALID_REFRESH_TOKEN');
    expect(await codeOf(await refresh('short'))).toBe('INVALID_REFRESH_TOKEN');

    const session = await ctx.signIn();
    // The family's absolute lifetime ends: even an unused token stops working.
    await sql`update refresh_token_families set created_at = now() - interval '31 days', expires_at = now() - interval '1 day' where user_id = ${session.user.id}`.execute(ctx.adminDb);
    const res = await refresh(session.refreshToken);
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe('INVALID_REFRESH_TOKEN');
  });

  it('sets a 30-day absolute family lifetime that rotation does not extend', async () => {
    const session = await ctx.signIn();
    const before = await ctx.adminDb.selectFrom('refresh_token_families').select(['created_at', 'expires_at']).where('user_id', '=', session.user.id).executeTakeFirstOrThrow();
    expect(before.expires_at.getTime() - before.created_at.getTime()).toBe(30 * 24 * 3600 * 1000);
    await refresh(session.refreshToken);
    const after = await ctx.adminDb.selectFrom('refresh_token_families').select('expires_at').where('user_id', '=', session.user.id).executeTakeFirstOrThrow();
    expect(after.expires_at.getTime()).toBe(before.expires_at.getTime());
  });

  it('answers a missing or wrong-typed refreshToken with 400 VALIDATION_ERROR naming it', async () => {
    for (const body of [{}, { refreshToken: 12 }]) {
      const res = await ctx.postJson('/auth/refresh', body);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.message).toContain('refreshToken');
    }
  });

  it('audits refused refreshes: an unknown token without an actor, a dead family with its owner', async () => {
    const unknown = await refresh(Buffer.alloc(32, 9).toString('base64url'));
    expect(await ctx.auditRows(unknown.headers.get('x-request-id')!)).toEqual([
      expect.objectContaining({ action: 'auth.refresh', outcome: 'failure', reason: 'INVALID_REFRESH_TOKEN', actor_id: null, resource_id: null }),
    ]);

    const session = await ctx.signIn();
    await ctx.postJson('/auth/logout', { refreshToken: session.refreshToken }, { authorization: `Bearer ${session.accessToken}` });
    const revoked = await refresh(session.refreshToken);
    expect(revoked.status).toBe(401);
    const family = await ctx.adminDb.selectFrom('refresh_token_families').select('id').where('user_id', '=', session.user.id).executeTakeFirstOrThrow();
    expect(await ctx.auditRows(revoked.headers.get('x-request-id')!)).toEqual([
      expect.objectContaining({ action: 'auth.refresh', outcome: 'failure', reason: 'INVALID_REFRESH_TOKEN', actor_id: session.user.id, resource_id: family.id }),
    ]);
  });

  it('audits successful refreshes', async () => {
    const session = await ctx.signIn();
    const res = await refresh(session.refreshToken);
    const rows = await ctx.auditRows(res.headers.get('x-request-id')!);
    expect(rows).toEqual([expect.objectContaining({ action: 'auth.refresh', outcome: 'success', actor_id: session.user.id })]);
  });
});

describe('POST /auth/logout', () => {
  it('needs a valid access token', async () => {
    const session = await ctx.signIn();
    const res = await ctx.postJson('/auth/logout', { refreshToken: session.refreshToken });
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe('UNAUTHORIZED');
    const forged = await ctx.postJson('/auth/logout', { refreshToken: session.refreshToken }, { authorization: `Bearer ${session.accessToken}x` });
    expect(forged.status).toBe(401);
  });

  it('revokes the family: 204, then the refresh token no longer works, and it is audited', async () => {
    const session = await ctx.signIn();
    const res = await ctx.postJson('/auth/logout', { refreshToken: session.refreshToken }, { authorization: `Bearer ${session.accessToken}` });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await codeOf(await refresh(session.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    expect(await ctx.auditRows(res.headers.get('x-request-id')!)).toEqual([
      expect.objectContaining({ action: 'auth.logout', outcome: 'success', actor_id: session.user.id }),
    ]);
    // A second logout is harmless.
    expect((await ctx.postJson('/auth/logout', { refreshToken: session.refreshToken }, { authorization: `Bearer ${session.accessToken}` })).status).toBe(204);
  });

  it("cannot revoke another user's session", async () => {
    const victim = await ctx.signIn();
    const other = await ctx.signIn();
    const res = await ctx.postJson('/auth/logout', { refreshToken: victim.refreshToken }, { authorization: `Bearer ${other.accessToken}` });
    expect(res.status).toBe(204);
    expect((await refresh(victim.refreshToken)).status).toBe(200);
  });
});

describe('POST /auth/refresh racing another refresh with the same token', () => {
  // A signer that, while `hold` is set, waits inside the winner's rotation until released.
  let hold: { entered: () => void; release: Promise<void> } | undefined;
  let racing: AuthTestContext;
  beforeAll(async () => {
    const local = await createLocalAccessTokenSigner();
    const signer = {
      kid: local.kid,
      publicJwk: local.publicJwk,
      sign: async (claims: Parameters<typeof local.sign>[0]) => {
        const held = hold;
        if (held !== undefined) {
          held.entered();
          await held.release;
        }
        return local.sign(claims);
      },
    };
    racing = await createAuthTestContext({ signer: Promise.resolve(signer) });
  });
  afterAll(async () => {
    await racing?.close();
  });

  it('refuses the loser without revoking the winner’s session; a use after the rotation committed is still a replay', async () => {
    const session = await racing.signIn();
    let release!: () => void;
    const entered = new Promise<void>((resolve) => {
      hold = { entered: resolve, release: new Promise<void>((done) => (release = done)) };
    });
    const first = racing.postJson('/auth/refresh', { refreshToken: session.refreshToken });
    await entered; // the first holds the token's row, mid-rotation
    hold = undefined;
    const second = racing.postJson('/auth/refresh', { refreshToken: session.refreshToken });
    // The second has begun and waits on the row lock the first holds.
    const waiting = () => sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(racing.adminDb);
    await expect.poll(async () => (await waiting()).rows[0]?.n, { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);
    release();

    const [won, lost] = await Promise.all([first, second]);
    expect(won.status).toBe(200);
    expect(lost.status).toBe(401);
    expect(await codeOf(lost)).toBe('INVALID_REFRESH_TOKEN');
    expect(await racing.auditRows(lost.headers.get('x-request-id')!)).toEqual([
      expect.objectContaining({ action: 'auth.refresh', outcome: 'failure', reason: 'CONCURRENT_REFRESH', actor_id: session.user.id }),
    ]);
    const family = await racing.adminDb.selectFrom('refresh_token_families').selectAll().where('user_id', '=', session.user.id).executeTakeFirstOrThrow();
    expect(family.revoked_at).toBeNull();

    // The winner's session lives on.
    const next = (await won.json()) as { refreshToken: string };
    const onward = await racing.postJson('/auth/refresh', { refreshToken: next.refreshToken });
    expect(onward.status).toBe(200);

    // The first token used now, after its rotation committed, is a replay: the family goes.
    const replay = await racing.postJson('/auth/refresh', { refreshToken: session.refreshToken });
    expect(await codeOf(replay)).toBe('REFRESH_TOKEN_REUSED');
    const revoked = await racing.adminDb.selectFrom('refresh_token_families').select('revoked_reason').where('id', '=', family.id).executeTakeFirstOrThrow();
    expect(revoked.revoked_reason).toBe('reuse_detected');
  });
});

describe('POST /auth/refresh when signing fails', () => {
  // A signer that fails while `down` is set, as KMS Sign does in an outage.
  let down = false;
  let failing: AuthTestContext;
  beforeAll(async () => {
    const local = await createLocalAccessTokenSigner();
    const signer = {
      kid: local.kid,
      publicJwk: local.publicJwk,
      sign: (claims: Parameters<typeof local.sign>[0]) => (down ? Promise.reject(new AppError('SERVICE_UNAVAILABLE')) : local.sign(claims)),
    };
    failing = await createAuthTestContext({ signer: Promise.resolve(signer) });
  });
  afterAll(async () => {
    await failing?.close();
  });

  it('rolls the rotation back: 503, and the same token works on the retry instead of reading as a replay', async () => {
    const session = await failing.signIn();
    down = true;
    const res = await failing.postJson('/auth/refresh', { refreshToken: session.refreshToken });
    down = false;
    expect(res.status).toBe(503);
    expect(await codeOf(res)).toBe('SERVICE_UNAVAILABLE');

    const retry = await failing.postJson('/auth/refresh', { refreshToken: session.refreshToken });
    expect(retry.status).toBe(200);
    const family = await failing.adminDb.selectFrom('refresh_token_families').selectAll().where('user_id', '=', session.user.id).executeTakeFirstOrThrow();
    expect(family.revoked_at).toBeNull();
    const tokens = await failing.adminDb.selectFrom('refresh_tokens').select('id').where('family_id', '=', family.id).execute();
    expect(tokens).toHaveLength(2); // the original and the one successor of the retry
    expect(await failing.auditRows('auth.refresh')).toEqual([expect.objectContaining({ outcome: 'success', request_id: retry.headers.get('x-request-id') })]);
  });
});
