import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtAuthorizer } from './jwt-authorizer.ts';

let server: Server;
let jwksUrl: string;
let sign: (claims: Record<string, unknown>) => Promise<string>;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const body = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'a', alg: 'RS256' }] });
  server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/keys`;
  sign = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'a' }).setIssuer('https://issuer.test').setExpirationTime('1m').sign(privateKey);
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const config = { name: 'jwt', issuer: 'https://issuer.test', audience: ['api'], identitySource: ['$request.header.Authorization'] };
const request = (authorization?: string) => ({ headers: { authorization }, query: new URLSearchParams() });

describe('createJwtAuthorizer', () => {
  it("discovers the keys from the issuer's openid-configuration", async () => {
    const asked: string[] = [];
    const authorizer = createJwtAuthorizer(config, (url) => {
      asked.push(url);
      return Promise.resolve({ jwks_uri: jwksUrl });
    });
    const result = await authorizer.authorize(request(await sign({ aud: 'api', groups: ['a', 'b'], n: 1 })), []);
    expect(asked).toEqual(['https://issuer.test/.well-known/openid-configuration']);
    expect(result).toMatchObject({ ok: true, context: { jwt: { claims: { iss: 'https://issuer.test', aud: 'api', groups: '[a b]', n: '1' }, scopes: null } } });
  });

  it('rejects with the cause kept when the keys cannot be found', async () => {
    const authorizer = createJwtAuthorizer(config, () => Promise.reject(new Error('getaddrinfo ENOTFOUND issuer.test')));
    expect(await authorizer.authorize(request(await sign({ aud: 'api' })), [])).toMatchObject({ ok: false, status: 401, reason: 'keys unavailable: getaddrinfo ENOTFOUND issuer.test' });
  });

  it('accepts client_id in place of aud, and a token without the Bearer prefix', async () => {
    const authorizer = createJwtAuthorizer({ ...config, jwksUrl });
    expect(await authorizer.authorize(request(await sign({ client_id: 'api' })), [])).toMatchObject({ ok: true });
    expect(await authorizer.authorize(request(await sign({ aud: 'other' })), [])).toMatchObject({ ok: false, status: 401, reason: 'audience' });
  });

  it('rejects a token signed with anything but RSA, as API Gateway does', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const body = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'e', alg: 'ES256' }] });
    const ecServer = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => ecServer.listen(0, '127.0.0.1', resolve));
    try {
      const authorizer = createJwtAuthorizer({ ...config, jwksUrl: `http://127.0.0.1:${String((ecServer.address() as AddressInfo).port)}/keys` });
      const es256 = await new SignJWT({ aud: 'api' }).setProtectedHeader({ alg: 'ES256', kid: 'e' }).setIssuer('https://issuer.test').setExpirationTime('1m').sign(privateKey);
      expect(await authorizer.authorize(request(es256), [])).toMatchObject({ ok: false, status: 401 });
    } finally {
      await new Promise((resolve) => ecServer.close(resolve));
    }
  });

  it('reads the scope or scp claim against the route scopes', async () => {
    const authorizer = createJwtAuthorizer({ ...config, jwksUrl });
    expect(await authorizer.authorize(request(`Bearer ${await sign({ aud: 'api', scp: ['docs:read'] })}`), ['docs:read'])).toMatchObject({ ok: true, context: { jwt: { scopes: ['docs:read'] } } });
    expect(await authorizer.authorize(request(`Bearer ${await sign({ aud: 'api', scope: 'other' })}`), ['docs:read'])).toMatchObject({
      ok: false,
      status: 403,
      wwwAuthenticate: 'Bearer scope="docs:read" error="insufficient_scope" error_description="expected scopes: [docs:read]"',
    });
  });
});
