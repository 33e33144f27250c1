import { describe, expect, it } from 'vitest';
import { httpApiEvent as apiEvent, lambdaContext as makeLambdaContext } from '#shared/testing/lambda-events.ts';
import { useLambdaHandler } from '#shared/testing/lambda-handler-harness.ts';

const httpApiEvent = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  apiEvent(method, path, { headers, requestId: 'apigw-request-0005', ...(body === undefined ? {} : { body }) });
const lambdaContext = makeLambdaContext('serenya-chat');

describe('chat Lambda handler', () => {
  const lambda = useLambdaHandler(() => import('./handler.ts'));

  it('serves the OpenAPI document from an HTTP API event', async () => {
    const res = await lambda.handler(httpApiEvent('GET', '/openapi.json'), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(Object.keys((JSON.parse(res.body) as { paths: object }).paths)).toEqual(expect.arrayContaining(['/chat/messages', '/chat/conversations/{contentId}']));
    expect(res.headers['x-request-id']).toBe('apigw-request-0005');
  });

  it('answers an anonymous message with 401', async () => {
    const res = await lambda.handler(httpApiEvent('POST', '/chat/messages', {}, { contentId: crypto.randomUUID(), message: 'hi' }), lambdaContext);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'UNAUTHORIZED', requestId: 'apigw-request-0005' } });
  });

  it("verifies tokens against the issuer's JWKS URL (an invalid body then reaches the 400)", async () => {
    const token = await lambda.issuer.tokenFor(crypto.randomUUID());
    const res = await lambda.handler(httpApiEvent('POST', '/chat/messages', { authorization: `Bearer ${token}` }, { contentId: 'nope', message: '' }), lambdaContext);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
});
