import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpApiEvent as apiEvent, lambdaContext as makeLambdaContext } from '#shared/testing/lambda-events.ts';

const httpApiEvent = (method: string, path: string, headers: Record<string, string> = {}) => apiEvent(method, path, { headers, requestId: 'apigw-request-0002' });
const lambdaContext = makeLambdaContext('serenya-documents');

describe('documents Lambda handler', () => {
  let handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;
  let jwksServer: Server;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let jwksRequests = 0;

  beforeAll(async () => {
    // The issuer's JWKS endpoint, as the auth service publishes it.
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
    jwksServer = createServer((_req, res) => {
      jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;

    vi.stubEnv('DATABASE_URL', 'postgres://serenya_app_user:x@127.0.0.1:1/serenya');
    vi.stubEnv('DATABASE_SSL', 'disable');
    vi.stubEnv('DATABASE_CONNECT_RETRIES', '0');
    vi.stubEnv('DOCUMENTS_BUCKET', 'serenya-temp');
    vi.stubEnv('DOCUMENTS_KMS_KEY_ID', 'alias/serenya-documents');
    vi.stubEnv('PROCESSING_QUEUE_URL', 'https://sqs.eu-west-1.amazonaws.com/123456789012/serenya-processing');
    vi.stubEnv('ACCESS_TOKEN_ISSUER', 'https://api.serenya.test');
    vi.stubEnv('ACCESS_TOKEN_JWKS_URL', `http://127.0.0.1:${port}/.well-known/jwks.json`);
    ({ handler } = (await import('./handler.ts')) as unknown as { handler: typeof handler });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it('serves the OpenAPI document from an HTTP API event', async () => {
    const res = await handler(httpApiEvent('GET', '/openapi.json'), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(Object.keys((JSON.parse(res.body) as { paths: object }).paths)).toContain('/documents');
    expect(res.headers['x-request-id']).toBe('apigw-request-0002');
  });

  it('answers an anonymous upload with 401', async () => {
    const res = await handler(httpApiEvent('POST', '/documents'), lambdaContext);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'UNAUTHORIZED', requestId: 'apigw-request-0002' } });
  });

  it("verifies tokens against the issuer's JWKS URL (a malformed job id then reaches the 404)", async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject(crypto.randomUUID())
      .setIssuer('https://api.serenya.test')
      .setAudience('serenya-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const res = await handler(httpApiEvent('GET', '/jobs/not-a-job', { authorization: `Bearer ${token}` }), lambdaContext);
    expect(res.statusCode).toBe(404);
    expect(jwksRequests).toBe(1);
  });
});
