import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpApiEvent as apiEvent, lambdaContext as makeLambdaContext } from '#shared/testing/lambda-events.ts';

const httpApiEvent = (method: string, path: string, headers: Record<string, string> = {}) => apiEvent(method, path, { headers, requestId: 'apigw-request-0003' });
const lambdaContext = makeLambdaContext('serenya-content');

describe('content Lambda handler', () => {
  let handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;
  let jwksServer: Server;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let jwksRequests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
    jwksServer = createServer((_req, res) => {
      jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;

    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('DATABASE_URL', 'postgres://serenya_app_user:x@127.0.0.1:1/serenya');
    vi.stubEnv('DATABASE_SSL', 'disable');
    vi.stubEnv('DATABASE_CONNECT_RETRIES', '0');
    vi.stubEnv('PHI_KMS_KEY_ARN', 'arn:aws:kms:eu-west-1:123456789012:alias/serenya-database');
    vi.stubEnv('COST_TABLE_NAME', 'serenya-llm-cost-tracking');
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
    expect(Object.keys((JSON.parse(res.body) as { paths: object }).paths)).toEqual(expect.arrayContaining(['/content/timeline', '/content/{id}', '/subscriptions/status', '/account/export', '/account']));
    expect(res.headers['x-request-id']).toBe('apigw-request-0003');
  });

  it('answers an anonymous timeline request with 401', async () => {
    const res = await handler(httpApiEvent('GET', '/content/timeline'), lambdaContext);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'UNAUTHORIZED', requestId: 'apigw-request-0003' } });
  });

  it("verifies tokens against the issuer's JWKS URL (a bad limit then reaches validation)", async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject(crypto.randomUUID())
      .setIssuer('https://api.serenya.test')
      .setAudience('serenya-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const event = { ...httpApiEvent('GET', '/content/timeline', { authorization: `Bearer ${token}` }), rawQueryString: 'limit=0', queryStringParameters: { limit: '0' } };
    const res = await handler(event, lambdaContext);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(jwksRequests).toBe(1);
  });
});
