import { createLocalJWKSet } from 'jose';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { httpApiEvent as apiEvent, lambdaContext as makeLambdaContext } from '#shared/testing/lambda-events.ts';
import { useLambdaHandler, type LambdaHttpHandler } from '#shared/testing/lambda-handler-harness.ts';
import { readChatConfig } from './chat-config.ts';
import type { ChatDependencies } from './chat-dependencies.ts';
import { createChatStreamHandler, type ResponseStreamHandler } from './chat-stream-handler.ts';
import { FORWARDED_AUTHORIZATION_HEADER } from './forwarded-authorization.ts';
import { installFakeStreamingRuntime, invokeStreaming } from './testing/fake-streaming-runtime.ts';

// What the function URL delivers (payload 2.0, as the HTTP API's) once CloudFront rewrote the path.
const urlEvent = (headers: Record<string, string>, body: unknown) =>
  apiEvent('POST', '/chat/messages', { headers: { accept: 'text/event-stream', ...headers }, body, requestId: 'url-request-0001' });
const lambdaContext = makeLambdaContext('serenya-chat-stream');
const invalidBody = { contentId: 'nope', message: '' };

let buffered: LambdaHttpHandler;
afterAll(() => vi.unstubAllGlobals());

describe('chat streaming Lambda entry (stream-handler.ts)', () => {
  const lambda = useLambdaHandler(async () => {
    installFakeStreamingRuntime();
    buffered = ((await import('./handler.ts')) as { handler: LambdaHttpHandler }).handler;
    return import('./stream-handler.ts');
  });
  const stream = () => lambda.handler as unknown as ResponseStreamHandler;

  it('answers 401 UNAUTHORIZED through the response stream without a token', async () => {
    const res = await invokeStreaming(stream(), urlEvent({}, { contentId: crypto.randomUUID(), message: 'hi' }), lambdaContext);
    expect(res.prelude.statusCode).toBe(401);
    expect(JSON.parse(res.body())).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it(`takes the bearer token from ${FORWARDED_AUTHORIZATION_HEADER}, verified (an invalid body then reaches the 400)`, async () => {
    const token = await lambda.issuer.tokenFor(crypto.randomUUID());
    const res = await invokeStreaming(stream(), urlEvent({ [FORWARDED_AUTHORIZATION_HEADER]: `Bearer ${token}` }, invalidBody), lambdaContext);
    expect(res.prelude.statusCode).toBe(400);
    expect(JSON.parse(res.body())).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });

  it(`rejects a ${FORWARDED_AUTHORIZATION_HEADER} token that does not verify`, async () => {
    const res = await invokeStreaming(stream(), urlEvent({ [FORWARDED_AUTHORIZATION_HEADER]: 'Bearer a.b.c' }, invalidBody), lambdaContext);
    expect(res.prelude.statusCode).toBe(401);
  });

  it('ignores Authorization there: behind the origin access control it is CloudFront’s signature', async () => {
    const token = await lambda.issuer.tokenFor(crypto.randomUUID());
    const res = await invokeStreaming(stream(), urlEvent({ authorization: `Bearer ${token}` }, invalidBody), lambdaContext);
    expect(res.prelude.statusCode).toBe(401);
  });

  it(`the buffered HTTP API handler ignores ${FORWARDED_AUTHORIZATION_HEADER}`, async () => {
    const token = await lambda.issuer.tokenFor(crypto.randomUUID());
    const res = await buffered(urlEvent({ [FORWARDED_AUTHORIZATION_HEADER]: `Bearer ${token}` }, invalidBody), lambdaContext);
    expect(res.statusCode).toBe(401);
  });

  it('loads without the runtime’s awslambda global and fails only when invoked', async () => {
    vi.stubGlobal('awslambda', undefined);
    try {
      const deps = { chat: readChatConfig({}), accessTokens: { issuer: 'https://x.test', audience: 'serenya-api', keys: createLocalJWKSet({ keys: [] }) } } as unknown as ChatDependencies;
      const handler = createChatStreamHandler(deps);
      await expect(handler(urlEvent({}, invalidBody), {}, lambdaContext)).rejects.toThrow(/awslambda/);
    } finally {
      installFakeStreamingRuntime();
    }
  });
});
