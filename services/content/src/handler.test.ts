import { describe, expect, it } from 'vitest';
import { httpApiEvent as apiEvent, lambdaContext as makeLambdaContext } from '#shared/testing/lambda-events.ts';
import { useLambdaHandler } from '#shared/testing/lambda-handler-harness.ts';

const httpApiEvent = (method: string, path: string, headers: Record<string, string> = {}) => apiEvent(method, path, { headers, requestId: 'apigw-request-0003' });
const lambdaContext = makeLambdaContext('serenya-content');

describe('content Lambda handler', () => {
  const lambda = useLambdaHandler(() => import('./handler.ts'), { PHI_KMS_KEY_ARN: 'arn:aws:kms:eu-west-1:123456789012:alias/serenya-database', COST_TABLE_NAME: 'serenya-llm-cost-tracking', DOCUMENTS_BUCKET: 'serenya-temp', DOCUMENTS_KMS_KEY_ID: 'alias/serenya-documents', PROCESSING_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/serenya-processing' });

  it('serves the OpenAPI document from an HTTP API event', async () => {
    const res = await lambda.handler(httpApiEvent('GET', '/openapi.json'), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(Object.keys((JSON.parse(res.body) as { paths: object }).paths)).toEqual(expect.arrayContaining(['/content/timeline', '/content/{id}', '/subscriptions/status', '/account/export', '/account']));
    expect(res.headers['x-request-id']).toBe('apigw-request-0003');
  });

  it('answers an anonymous timeline request with 401', async () => {
    const res = await lambda.handler(httpApiEvent('GET', '/content/timeline'), lambdaContext);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'UNAUTHORIZED', requestId: 'apigw-request-0003' } });
  });

  it("verifies tokens against the issuer's JWKS URL (a bad limit then reaches validation)", async () => {
    const token = await lambda.issuer.tokenFor(crypto.randomUUID());
    const event = { ...httpApiEvent('GET', '/content/timeline', { authorization: `Bearer ${token}` }), rawQueryString: 'limit=0', queryStringParameters: { limit: '0' } };
    const res = await lambda.handler(event, lambdaContext);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(lambda.jwks.requests()).toBe(1);
  });
});
