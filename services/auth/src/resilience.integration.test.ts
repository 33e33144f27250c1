import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { captureEmf } from '#shared/testing/capture-emf.ts';
import { getFreePort } from '../../../emulation/src/backends/embedded/free-port.ts';
import { createAuthTestContext, type AuthTestContext } from './testing/auth-test-context.ts';
import { startSwitchableProxy } from './testing/switchable-proxy.ts';

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; category: string } }).error;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Google keys endpoint unreachable', () => {
  let ctx: AuthTestContext;
  let proxy: Awaited<ReturnType<typeof startSwitchableProxy>>;
  let emf: ReturnType<typeof captureEmf>;

  beforeAll(async () => {
    proxy = await startSwitchableProxy((await import('../../../emulation/src/testing/backend.ts')).getTestBackend().google.jwksUri);
    ctx = await createAuthTestContext({
      googleJwksUrl: proxy.url,
      // The design's thresholds (5 failures, 3 successes) with a short open period; keys never cached so every sign-in fetches.
      googleOptions: { breakerPolicy: { failureThreshold: 5, successThreshold: 3, openDurationMs: 300, monitorWindowMs: 60_000 }, jwksCacheMaxAgeMs: 0, jwksCooldownMs: 0 },
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await proxy?.close();
  });
  beforeEach(() => {
    emf = captureEmf();
  });
  afterEach(() => emf.restore());

  it('answers 503 UPSTREAM_UNAVAILABLE, opens after 5 failures, fails fast while open, and closes after 3 successes', async () => {
    const signIn = async () => ctx.postJson('/auth/google', { idToken: await ctx.mintGoogleIdToken({ email: `r-${crypto.randomUUID()}@example.test` }) });
    expect((await signIn()).status).toBe(200);

    proxy.set('error');
    for (let i = 0; i < 5; i++) {
      const res = await signIn();
      expect(res.status).toBe(503);
      expect(await errorOf(res)).toEqual(expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', category: 'external' }));
      expect(ctx.google.breaker.state).toBe(i < 4 ? 'closed' : 'open');
    }

    const hitsWhenOpened = proxy.hits;
    const fast = await signIn();
    expect(fast.status).toBe(503);
    expect((await errorOf(fast)).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(proxy.hits).toBe(hitsWhenOpened); // open: Google was not called

    proxy.set('up');
    await sleep(350);
    expect(ctx.google.breaker.state).toBe('half_open');
    for (let i = 0; i < 3; i++) {
      expect((await signIn()).status).toBe(200);
      expect(ctx.google.breaker.state).toBe(i < 2 ? 'half_open' : 'closed');
    }

    const transitions = emf.named('CircuitBreakerState').filter((l) => l.Service === 'google_oauth').map((l) => l.Status);
    expect(transitions).toEqual(['open', 'half_open', 'closed']);
    const upstreamErrors = emf.named('ErrorsByCategory').filter((l) => l.Category === 'external' && l.RecoveryStrategy === 'retry');
    expect(upstreamErrors).toHaveLength(6);
  });

  it('treats a dropped connection like an error response', async () => {
    proxy.set('drop');
    const res = await ctx.postJson('/auth/google', { idToken: await ctx.mintGoogleIdToken({ email: 'drop@example.test' }) });
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe('UPSTREAM_UNAVAILABLE');
    proxy.set('up');
  });
});

describe('database down', () => {
  let ctx: AuthTestContext;
  beforeAll(async () => {
    // A port nothing listens on: connections are refused, as when RDS is unreachable.
    const deadPort = await getFreePort();
    ctx = await createAuthTestContext({
      databaseUrl: `postgres://serenya_app_user:x@127.0.0.1:${deadPort}/serenya`,
      databaseBreakerPolicy: { failureThreshold: 2, successThreshold: 1, openDurationMs: 60_000, monitorWindowMs: 60_000 },
    });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('answers 503 SERVICE_UNAVAILABLE (category technical), then fails fast once the database breaker opens', async () => {
    const emf = captureEmf();
    onTestFinished(() => emf.restore());
    const attempt = async () => ctx.postJson('/auth/google', { idToken: await ctx.mintGoogleIdToken({ email: `db-${crypto.randomUUID()}@example.test` }) });
    for (let i = 0; i < 3; i++) {
      const res = await attempt();
      expect(res.status).toBe(503);
      const error = await errorOf(res);
      expect(error).toEqual(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', category: 'technical' }));
      expect(JSON.stringify(error)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
    }
    expect(ctx.database.breaker.state).toBe('open');
    expect(emf.named('CircuitBreakerState').map((l) => [l.Service, l.Status])).toEqual([['database', 'open']]);
    const technical = emf.named('ErrorsByCategory').filter((l) => l.Category === 'technical' && l.RecoveryStrategy === 'retry');
    expect(technical).toHaveLength(3);
  });

  it('answers refresh with 503 too, not 401', async () => {
    const res = await ctx.postJson('/auth/refresh', { refreshToken: Buffer.alloc(32, 1).toString('base64url') });
    expect(res.status).toBe(503);
    expect((await errorOf(res)).category).toBe('technical');
  });
});
