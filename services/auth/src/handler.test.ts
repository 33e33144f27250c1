import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpApiEvent as apiEvent, lambdaContext as makeLambdaContext } from '#shared/testing/lambda-events.ts';
import { stubAuthHandlerEnvironment } from './testing/auth-handler-environment.ts';

const httpApiEvent = (method: string, path: string, body?: unknown) => apiEvent(method, path, body === undefined ? {} : { body });
const lambdaContext = makeLambdaContext('serenya-auth');

describe('auth Lambda handler', () => {
  let handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;
  beforeAll(async () => {
    stubAuthHandlerEnvironment();
    ({ handler } = (await import('./handler.ts')) as unknown as { handler: typeof handler });
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('serves the discovery document from an HTTP API event, with API Gateway’s request id', async () => {
    const res = await handler(httpApiEvent('GET', '/.well-known/openid-configuration'), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      issuer: 'https://api.serenya.test',
      jwks_uri: 'https://api.serenya.test/.well-known/jwks.json',
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(res.headers['x-request-id']).toBe('apigw-request-0001');
  });

  it('answers a bad body with the error shape, carrying the request id', async () => {
    const res = await handler(httpApiEvent('POST', '/auth/google', { idToken: 5 }), lambdaContext);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'VALIDATION_ERROR', requestId: 'apigw-request-0001' } });
  });

  it('documents every auth route in /openapi.json', async () => {
    const res = await handler(httpApiEvent('GET', '/openapi.json'), lambdaContext);
    const doc = JSON.parse(res.body) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths).sort()).toEqual(['/.well-known/jwks.json', '/.well-known/openid-configuration', '/auth/google', '/auth/logout', '/auth/refresh']);
    expect(doc.paths['/auth/google']?.post).toHaveProperty('responses.403');
  });
});
