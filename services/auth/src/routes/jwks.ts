/**
 * `GET /.well-known/jwks.json` publishes the access-token public key(s), and
 * `GET /.well-known/openid-configuration` points verifiers at it, so the local gateway and
 * every service verify Serenya tokens the same way.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import type { AuthDependencies } from '../auth-dependencies.ts';
import { JwksResponse, OpenIdConfiguration } from './schemas.ts';

export const jwksRoute = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  tags: ['auth'],
  summary: 'Public keys that verify Serenya access tokens',
  responses: { 200: { description: 'JSON Web Key Set', content: { 'application/json': { schema: JwksResponse } } } },
});

export const openIdConfigurationRoute = createRoute({
  method: 'get',
  path: '/.well-known/openid-configuration',
  tags: ['auth'],
  summary: 'Issuer metadata (issuer and JWKS location)',
  responses: { 200: { description: 'Discovery document', content: { 'application/json': { schema: OpenIdConfiguration } } } },
});

export function registerJwks(app: ServiceApp, deps: AuthDependencies): void {
  app.openapi(jwksRoute, async (c) => {
    const signer = await deps.signer;
    c.header('cache-control', 'public, max-age=300');
    const key = signer.publicJwk;
    return c.json({ keys: [{ ...key, kty: key.kty ?? 'RSA', kid: signer.kid, alg: 'RS256', use: 'sig' }] }, 200);
  });
  app.openapi(openIdConfigurationRoute, (c) => {
    c.header('cache-control', 'public, max-age=300');
    const issuer = deps.tokens.issuer.replace(/\/$/, '');
    return c.json({ issuer: deps.tokens.issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] }, 200);
  });
}
