import { describe, expect, it } from 'vitest';
import { httpApiEvent as apiEvent, lambdaContext as makeLambdaContext } from '#shared/testing/lambda-events.ts';
import { useLambdaHandler } from '#shared/testing/lambda-handler-harness.ts';

const httpApiEvent = (method: string, path: string, headers: Record<string, string> = {}) => apiEvent(method, path, { headers, requestId: 'apigw-request-0002' });
const lambdaContext = makeLambdaContext('serenya-documents');

describe('documents Lambda handler', () => {
  const lambda = useLambdaHandler(() => import('./handler.ts'), { DOCUMENTS_BUCKET: 'serenya-temp', DOCUMENTS_KMS_KEY_ID: 'alias/serenya-documents', PROCESSING_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/serenya-processing' });

  it('serves the OpenAPI document from an HTTP API event', async () => {
    const res = await lambda.handler(httpApiEvent('GET', '/openapi.json'), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(Object.keys((JSON.parse(res.body) as { paths: object }).paths)).toContain('/documents');
    expect(res.headers['x-request-id']).toBe('apigw-request-0002');
  });

  it('answers an anonymous upload with 401', async () => {
    const res = await lambda.handler(httpApiEvent('POST', '/documents'), lambdaContext);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'UNAUTHORIZED', requestId: 'apigw-request-0002' } });
  });

  it("verifies tokens against the issuer's JWKS URL (a malformed job id then reaches the 404)", async () => {
    const token = await lambda.issuer.tokenFor(crypto.randomUUID());
    const res = await lambda.handler(httpApiEvent('GET', '/jobs/not-a-job', { authorization: `Bearer ${token}` }), lambdaContext);
    expect(res.statusCode).toBe(404);
    expect(lambda.jwks.requests()).toBe(1);
  });
});
