/**
 * The chat app as a response-streaming Lambda handler, for the function URL (`RESPONSE_STREAM`)
 * that CloudFront's `/chat/stream` reaches: hono's `streamHandle` pipes the SSE answer into the
 * runtime's response stream event by event, where an HTTP API would buffer it whole.
 *
 * Behind CloudFront's origin access control the request's `Authorization` is CloudFront's SigV4
 * signature (the URL's AWS_IAM auth proves only that CloudFront sent it), so the viewer's bearer
 * token travels in {@link FORWARDED_AUTHORIZATION_HEADER} (copied by the CloudFront Function,
 * platform/src/constructs/edge/chat-stream-path.ts) and is verified in process as on every route.
 *
 * `streamHandle` calls the runtime's `awslambda.streamifyResponse` when it is built; without that
 * global (plain Node, a test without the fake) the handler still loads, and fails when invoked.
 *
 * @example
 * ```ts
 * export const handler = createChatStreamHandler(chatDependenciesFromEnvironment());
 * ```
 * @module
 */
import { Hono } from 'hono';
import { streamHandle, type LambdaContext } from 'hono/aws-lambda';
import type { ServiceBindings } from '#shared/http/service-env.ts';
import { createChatApp } from './app.ts';
import type { ChatDependencies } from './chat-dependencies.ts';
import { FORWARDED_AUTHORIZATION_HEADER } from './forwarded-authorization.ts';

/** A response-streaming handler: Lambda calls it with the event, the response stream and the context. */
export type ResponseStreamHandler = (event: unknown, responseStream: unknown, context: unknown) => Promise<void>;

export function createChatStreamHandler(deps: ChatDependencies): ResponseStreamHandler {
  const app = createChatApp(deps, { tokenHeader: FORWARDED_AUTHORIZATION_HEADER });
  // streamHandle passes the Lambda context as `context`; the services read it as `lambdaContext`
  // (the request deadline, the logger's context), as `handle` passes it.
  const adapter = new Hono<{ Bindings: { context?: LambdaContext; requestContext?: ServiceBindings['requestContext'] } }>();
  adapter.all('*', (c) => app.fetch(c.req.raw, { requestContext: c.env.requestContext, ...(c.env.context ? { lambdaContext: c.env.context } : {}) }));
  if (!hasStreamingRuntime()) return notInStreamingRuntime;
  return streamHandle(adapter) as unknown as ResponseStreamHandler;
}

function hasStreamingRuntime(): boolean {
  return typeof (globalThis as { awslambda?: { streamifyResponse?: unknown } }).awslambda?.streamifyResponse === 'function';
}

function notInStreamingRuntime(): Promise<void> {
  return Promise.reject(new Error('the chat stream handler needs the Lambda Node.js runtime (its awslambda global, response streaming); this runtime has none'));
}
