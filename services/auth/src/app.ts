/**
 * The auth service: Google sign-in, refresh-token rotation, logout and the public keys of
 * Serenya access tokens. A plain Hono app: testable with `app.request()`, served by Lambda
 * through `handler.ts` and locally by the emulation's gateway.
 *
 * @example
 * ```ts
 * const app = createAuthApp(deps);
 * const res = await app.request('/auth/google', { method: 'POST', body: JSON.stringify({ idToken }) });
 * ```
 * @module
 */
import { createLocalJWKSet } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import { createServiceApp, type ServiceApp } from '#shared/http/create-service-app.ts';
import { requireAuth } from '#shared/http/middleware/require-auth.ts';
import type { AuthDependencies } from './auth-dependencies.ts';
import { registerGoogleSignIn } from './routes/google-sign-in.ts';
import { registerJwks } from './routes/jwks.ts';
import { registerLogout } from './routes/logout.ts';
import { registerRefresh } from './routes/refresh.ts';

export function createAuthApp(deps: AuthDependencies): ServiceApp {
  const app = createServiceApp({ title: 'Serenya auth', version: '1.0.0' });

  // The auth service verifies its own tokens against its own key, without a network hop; the
  // key set is built once, when the signer is ready, not per request.
  const ownKeySet = deps.signer.then((signer) => createLocalJWKSet({ keys: [signer.publicJwk] }));
  ownKeySet.catch(() => undefined); // a failed key load surfaces on the first verify, not unhandled
  const ownKeys: JWTVerifyGetKey = async (header, token) => (await ownKeySet)(header, token);
  const auth = requireAuth({ issuer: deps.tokens.issuer, audience: deps.tokens.audience, keys: ownKeys });

  registerGoogleSignIn(app, deps);
  registerRefresh(app, deps);
  registerLogout(app, deps, auth);
  registerJwks(app, deps);
  return app;
}
