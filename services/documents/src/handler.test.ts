import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** A minimal API Gateway HTTP API (payload 2.0) event. */
function httpApiEvent(method: string, path: string, headers: Record<string, string> = {}) {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.serenya.test', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.serenya.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'apigw-request-0002',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '25/Nov/2026:12:00:00 +0000',
      timeEpoch: 1795600000000,
    },
    isBase64Encoded: false,
  };
}

const lambdaContext = { awsRequestId: 'lambda-1', functionName: 'serenya-documents', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:serenya-documents', memoryLimitInMB: '512', functionVersion: '$LATEST', getRemainingTimeInMillis: () => 30_000 };

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
