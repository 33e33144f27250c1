import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** A minimal API Gateway HTTP API (payload 2.0) event. */
function httpApiEvent(method: string, path: string, body?: unknown) {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'api.serenya.test' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.serenya.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'apigw-request-0001',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '25/Nov/2026:12:00:00 +0000',
      timeEpoch: 1795600000000,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

const lambdaContext = { awsRequestId: 'lambda-1', functionName: 'serenya-auth', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:serenya-auth', memoryLimitInMB: '512', functionVersion: '$LATEST', getRemainingTimeInMillis: () => 30_000 };

describe('auth Lambda handler', () => {
  let handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;
  beforeAll(async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://serenya_app_user:x@127.0.0.1:1/serenya');
    vi.stubEnv('DATABASE_SSL', 'disable');
    vi.stubEnv('GOOGLE_CLIENT_IDS', 'client.apps.googleusercontent.com');
    vi.stubEnv('ACCESS_TOKEN_ISSUER', 'https://api.serenya.test');
    vi.stubEnv('ACCESS_TOKEN_SIGNER', 'local');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('PHI_KMS_KEY_ARN', 'arn:aws:kms:eu-west-1:123456789012:alias/serenya-database');
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
      id_token_signing_alg_values_supported: ['ES256'],
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
