import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpApiEvent as apiEvent, lambdaContext as makeLambdaContext } from '#shared/testing/lambda-events.ts';
import { createTestTokenIssuer, type JwksEndpoint, type TestTokenIssuer } from '#shared/testing/test-token-issuer.ts';

const httpApiEvent = (method: string, path: string, headers: Record<string, string> = {}) => apiEvent(method, path, { headers, requestId: 'apigw-request-0002' });
const lambdaContext = makeLambdaContext('serenya-documents');

describe('documents Lambda handler', () => {
  let handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;
  let issuer: TestTokenIssuer;
  let jwks: JwksEndpoint;

  beforeAll(async () => {
    // The issuer's JWKS endpoint, as the auth service publishes it.
    issuer = await createTestTokenIssuer('https://api.serenya.test');
    jwks = await issuer.serveJwks();

    vi.stubEnv('DATABASE_URL', 'postgres://serenya_app_user:x@127.0.0.1:1/serenya');
    vi.stubEnv('DATABASE_SSL', 'disable');
    vi.stubEnv('DATABASE_CONNECT_RETRIES', '0');
    vi.stubEnv('DOCUMENTS_BUCKET', 'serenya-temp');
    vi.stubEnv('DOCUMENTS_KMS_KEY_ID', 'alias/serenya-documents');
    vi.stubEnv('PROCESSING_QUEUE_URL', 'https://sqs.eu-west-1.amazonaws.com/123456789012/serenya-processing');
    vi.stubEnv('ACCESS_TOKEN_ISSUER', 'https://api.serenya.test');
    vi.stubEnv('ACCESS_TOKEN_JWKS_URL', jwks.url);
    ({ handler } = (await import('./handler.ts')) as unknown as { handler: typeof handler });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await jwks?.close();
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
    const token = await issuer.tokenFor(crypto.randomUUID());
    const res = await handler(httpApiEvent('GET', '/jobs/not-a-job', { authorization: `Bearer ${token}` }), lambdaContext);
    expect(res.statusCode).toBe(404);
    expect(jwks.requests()).toBe(1);
  });
});
