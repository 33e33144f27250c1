/**
 * The chat service: ask questions about one of your results (`POST /chat/messages`, plain JSON or
 * server-sent events) and read a conversation back (`GET /chat/conversations/{contentId}`).
 * A plain Hono app: testable with `app.request()`, served by Lambda through `handler.ts` (HTTP API,
 * buffered) and `stream-handler.ts` (function URL behind CloudFront, response streaming).
 *
 * @example
 * ```ts
 * const app = createChatApp(deps);
 * const res = await app.request('/chat/messages', { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ contentId, message: 'What is abnormal?' }) });
 * ```
 * @module
 */
import { createServiceApp, type ServiceApp } from '#shared/http/create-service-app.ts';
import { requireAuth } from '#shared/http/middleware/require-auth.ts';
import type { ChatDependencies } from './chat-dependencies.ts';
import { getConversationRoute, registerGetConversation } from './routes/get-conversation.ts';
import { registerSendMessage, sendMessageRoute } from './routes/send-message.ts';

/** `/chat/conversations/{contentId}` (OpenAPI) → `/chat/conversations/:contentId` (Hono). */
const honoPath = (path: string): string => path.replaceAll(/\/{(.+?)}/g, '/:$1');

export interface ChatAppOptions {
  /**
   * The header that carries the bearer token, when not `Authorization`: only the streaming entry
   * (stream-handler.ts) sets it, because behind CloudFront's origin access control
   * `Authorization` holds CloudFront's own signature. The token is verified in full regardless.
   */
  tokenHeader?: string;
}

export function createChatApp(deps: ChatDependencies, options: ChatAppOptions = {}): ServiceApp {
  const app = createServiceApp({ title: 'Serenya chat', version: '1.0.0' });
  // Authentication before validation: an anonymous caller learns nothing about valid requests.
  const auth = requireAuth(options.tokenHeader === undefined ? deps.accessTokens : { ...deps.accessTokens, header: options.tokenHeader });
  for (const route of [sendMessageRoute, getConversationRoute]) app.on(route.method.toUpperCase(), honoPath(route.path), auth);
  registerSendMessage(app, deps);
  registerGetConversation(app, deps);
  return app;
}
