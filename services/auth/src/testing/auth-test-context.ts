/**
 * Builds the auth app for integration tests against the embedded backend: a fresh migrated
 * database reached as the application role, the Google sign-in stand-in, a local signer.
 * @module
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import { sql } from 'kysely';
import { readAccessTokenConfig } from '#shared/config/access-token-config.ts';
import { readGoogleSignInConfig } from '#shared/config/google-sign-in-config.ts';
import type { BreakerPolicy } from '#shared/resilience/circuit-breaker.ts';
import { mintGoogleIdToken } from '../../../../emulation/src/testing/backend.ts';
import { createAuthApp } from '../app.ts';
import type { AuthDependencies } from '../auth-dependencies.ts';
import type { AccessTokenSigner } from '../domain/access-token-signer.ts';
import { createGoogleIdTokenVerifier, type GoogleVerifierOptions } from '../domain/google-id-token-verifier.ts';
import { createLocalAccessTokenSigner } from '../domain/local-access-token-signer.ts';
import { createServiceTestBackend } from '../../../../emulation/src/testing/service-test-backend.ts';

export const TEST_ISSUER = 'https://auth.serenya.test';

export interface AuthTestContextOptions {
  googleJwksUrl?: string;
  googleOptions?: GoogleVerifierOptions;
  databaseUrl?: string;
  databaseBreakerPolicy?: BreakerPolicy;
  /** The access-token signer (default: a local key generated for the context). */
  signer?: Promise<AccessTokenSigner>;
}

export interface SessionResponse {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
  user: { id: string; email: string; name: string | null };
}

export async function createAuthTestContext(options: AuthTestContextOptions = {}) {
  const base = await createServiceTestBackend({
    appDatabase: { ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}), DATABASE_CONNECT_TIMEOUT_MS: '500', DATABASE_CONNECT_RETRIES: '1' },
    ...(options.databaseBreakerPolicy ? { appDatabaseOptions: { breakerPolicy: options.databaseBreakerPolicy } } : {}),
  });
  const { backend, database, cipher } = base;
  // The admin connection sees what the app role may not change (audit rows, expiry edits).
  const admin = base.admin;
  const google = createGoogleIdTokenVerifier(
    readGoogleSignInConfig({
      GOOGLE_CLIENT_IDS: backend.google.clientId,
      GOOGLE_ISSUERS: backend.google.issuer,
      GOOGLE_JWKS_URL: options.googleJwksUrl ?? backend.google.jwksUri,
      GOOGLE_JWKS_TIMEOUT_MS: '1000',
    }),
    options.googleOptions,
  );
  const deps: AuthDependencies = {
    db: database.db,
    tokens: readAccessTokenConfig({ ACCESS_TOKEN_ISSUER: TEST_ISSUER, ACCESS_TOKEN_SIGNER: 'local' }),
    signer: options.signer ?? createLocalAccessTokenSigner(),
    google,
    cipher,
  };
  const app = createAuthApp(deps);

  const postJson = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    app.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  return {
    app,
    deps,
    google,
    database,
    db: database.db,
    adminDb: admin.db,
    backend,
    postJson,
    mintGoogleIdToken,
    /** Signs in through the real route; fails the test when that is not a 200. */
    async signIn(email = `user-${crypto.randomUUID()}@example.test`, claims: Record<string, unknown> = {}): Promise<SessionResponse> {
      const idToken = await mintGoogleIdToken({ email, ...claims });
      const res = await postJson('/auth/google', { idToken });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as SessionResponse;
    },
    async verifyAccessToken(token: string) {
      const jwks = (await (await app.request('/.well-known/jwks.json')).json()) as Parameters<typeof createLocalJWKSet>[0];
      return jwtVerify(token, createLocalJWKSet(jwks), { issuer: TEST_ISSUER, audience: 'serenya-api', algorithms: ['RS256'] });
    },
    async auditRows(requestIdOrAction?: string) {
      const rows = await admin.db.selectFrom('audit_events').selectAll().orderBy('occurred_at').execute();
      return requestIdOrAction ? rows.filter((r) => r.request_id === requestIdOrAction || r.action === requestIdOrAction) : rows;
    },
    async countUsers(): Promise<number> {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from users`.execute(admin.db);
      return rows[0]?.n ?? 0;
    },
    async close() {
      google.breaker.shutdown();
      await base.close();
    },
  };
}

export type AuthTestContext = Awaited<ReturnType<typeof createAuthTestContext>>;
