import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGoogleSignInConfig } from '#shared/config/google-sign-in-config.ts';
import { isAppError } from '#shared/errors/index.ts';
import { createGoogleIdTokenVerifier, type GoogleIdTokenVerifier } from './google-id-token-verifier.ts';

// The production wiring (no options): the integration tests shorten the breaker's open period to
// stay fast, so that the default really is the design's google_oauth policy is checked here.
describe('Google ID token verifier: the default google_oauth breaker', () => {
  let keysEndpoint: Server;
  let verifier: GoogleIdTokenVerifier;
  let idToken: string;
  let hits = 0;

  beforeAll(async () => {
    // A keys endpoint that is down: every fetch gets a 503.
    keysEndpoint = createServer((_req, res) => {
      hits++;
      res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => keysEndpoint.listen(0, '127.0.0.1', resolve));
    const { port } = keysEndpoint.address() as AddressInfo;
    verifier = createGoogleIdTokenVerifier(
      readGoogleSignInConfig({ GOOGLE_CLIENT_IDS: 'client.apps.googleusercontent.com', GOOGLE_JWKS_URL: `http://127.0.0.1:${port}/oauth2/v3/certs` }),
    );
    const { privateKey } = await generateKeyPair('RS256');
    idToken = await new SignJWT({ email: 'x@example.test', email_verified: true })
      .setProtectedHeader({ alg: 'RS256', kid: 'google-key' })
      .setIssuer('https://accounts.google.com')
      .setAudience('client.apps.googleusercontent.com')
      .setSubject('100000000000000000009')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  });
  afterAll(async () => {
    verifier?.breaker.shutdown();
    await new Promise<void>((resolve) => keysEndpoint?.close(() => resolve()));
  });

  const codeOf = async (attempt: Promise<unknown>) => {
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    return isAppError(error) ? error.code : error;
  };

  it("holds the design's values: 5 failures in 60 s open it for 30 s, 3 successful trials close it", () => {
    expect(verifier.breaker.policy).toEqual({ failureThreshold: 5, successThreshold: 3, openDurationMs: 30_000, monitorWindowMs: 60_000, callTimeoutMs: 5_000 });
  });

  it('stays closed through 4 failed key fetches, opens on the 5th, then fails fast without fetching', async () => {
    for (let i = 1; i <= 5; i++) {
      expect(await codeOf(verifier.verify(idToken))).toBe('UPSTREAM_UNAVAILABLE');
      expect(verifier.breaker.state).toBe(i < 5 ? 'closed' : 'open');
    }
    const fetched = hits;
    expect(await codeOf(verifier.verify(idToken))).toBe('UPSTREAM_UNAVAILABLE');
    expect(hits).toBe(fetched);
  });
});
