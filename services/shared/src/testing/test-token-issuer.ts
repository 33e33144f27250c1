/**
 * Test helper: an RS256 access-token issuer like the auth service, with the options the
 * services' auth middleware needs (`accessTokens`), tokens for any user id, and, for tests of
 * the Lambda handlers (which fetch keys by URL), a loopback JWKS endpoint.
 * @module
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { ACCESS_TOKEN_AUDIENCE } from '../config/access-token-config.ts';

export interface JwksEndpoint {
  url: string;
  /** How often the keys were fetched (verifiers should cache them). */
  requests(): number;
  close(): Promise<void>;
}

/**
 * @example
 * ```ts
 * const issuer = await createTestTokenIssuer();
 * const app = createDocumentsApp({ ...deps, accessTokens: issuer.accessTokens });
 * await app.request('/jobs/x', { headers: { authorization: `Bearer ${await issuer.tokenFor(userId)}` } });
 * ```
 */
export async function createTestTokenIssuer(issuer = 'https://auth.serenya.test', kid = 'test-key') {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const keys = createLocalJWKSet({ keys: [publicJwk] });
  return {
    issuer,
    publicJwk,
    accessTokens: { issuer, audience: ACCESS_TOKEN_AUDIENCE, keys },
    /** A valid access token for `userId` (10 minutes). */
    tokenFor: (userId: string): Promise<string> =>
      new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setSubject(userId).setIssuer(issuer).setAudience(ACCESS_TOKEN_AUDIENCE).setIssuedAt().setExpirationTime('10m').sign(privateKey),
    /** Serves the public key at `http://127.0.0.1:<port>/.well-known/jwks.json`. */
    async serveJwks(): Promise<JwksEndpoint> {
      const body = JSON.stringify({ keys: [publicJwk] });
      let requests = 0;
      const server = createServer((_req, res) => {
        requests += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
        requests: () => requests,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
  };
}

export type TestTokenIssuer = Awaited<ReturnType<typeof createTestTokenIssuer>>;
