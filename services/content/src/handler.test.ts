import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpApiEvent as apiEvent, lambdaContext as makeLambdaContext } from '#shared/testing/lambda-events.ts';
import { createTestTokenIssuer, type JwksEndpoint, type TestTokenIssuer } from '#shared/testing/test-token-issuer.ts';

const httpApiEvent = (method: string, path: string, headers: Record<string, string> = {}) => apiEvent(method, path, { headers, requestId: 'apigw-request-0003' });
const lambdaContext = makeLambdaContext('serenya-content');

describe('content Lambda handler', () => {
  let handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;
  let issuer: TestTokenIssuer;
  let jwks: JwksEndpoint;

  beforeAll(async () => {
    // The issuer's JWKS endpoint, as the auth service publishes it.
    issuer = await createTestTokenIssuer('https://api.serenya.test');
    jwks = await issuer.serveJwks();

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
    expect(Object.keys((JSON.parse(res.body) as { paths: object }).paths)).toEqual(expect.arrayContaining(['/content/timeline', '/content/{id}', '/subscriptions/status', '/account/export', '/account']));
    expect(res.headers['x-request-id']).toBe('apigw-request-0003');
  });

  it('answers an anonymous timeline request with 401', async () => {
    const res = await handler(httpApiEvent('GET', '/content/timeline'), lambdaContext);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'UNAUTHORIZED', requestId: 'apigw-request-0003' } });
  });

  it("verifies tokens against the issuer's JWKS URL (a bad limit then reaches validation)", async () => {
    const token = await issuer.tokenFor(crypto.randomUUID());
    const event = { ...httpApiEvent('GET', '/content/timeline', { authorization: `Bearer ${token}` }), rawQueryString: 'limit=0', queryStringParameters: { limit: '0' } };
    const res = await handler(event, lambdaContext);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(jwks.requests()).toBe(1);
  });
});
