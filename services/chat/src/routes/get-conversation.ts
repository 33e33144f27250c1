/**
 * `GET /chat/conversations/{contentId}` (Bearer): the user's conversation about one result, in
 * order, decrypted. A missing content, another user's one and a malformed id get the same 404.
 * Every read is audited (`chat.conversation_read`), failures too.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent, writeFailureAuditEvent } from '#shared/audit/write-audit-event.ts';
import { AppError } from '#shared/errors/index.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import type { ChatDependencies } from '../chat-dependencies.ts';
import { readConversation } from '../messages/chat-messages.ts';
import { Conversation, ContentIdParams } from './schemas.ts';
import { CONVERSATION_RESOURCE_TYPE } from './send-message.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const getConversationRoute = createRoute({
  method: 'get',
  path: '/chat/conversations/{contentId}',
  tags: ['chat'],
  summary: 'The conversation about one of your results',
  security: [{ bearer: [] }],
  request: { params: ContentIdParams },
  responses: {
    200: { description: 'The messages, oldest first', content: { 'application/json': { schema: Conversation } } },
    401: errorResponseSpec('UNAUTHORIZED'),
    404: errorResponseSpec('NOT_FOUND: no such result for this user (also for a malformed id)'),
  },
});

export function registerGetConversation(app: ServiceApp, deps: ChatDependencies): void {
  app.openapi(getConversationRoute, async (c) => {
    const { contentId } = c.req.valid('param');
    const userId = c.get('userId');
    const requestId = c.get('requestId');
    const valid = UUID.test(contentId);
    // Ownership from the content row itself (no decryption needed to answer 404).
    const owned = valid ? await deps.db.selectFrom('contents').select('id').where('id', '=', contentId).where('user_id', '=', userId).executeTakeFirst() : undefined;
    const audit = { actorId: userId, action: AuditActions.conversationRead, resourceType: CONVERSATION_RESOURCE_TYPE, resourceId: valid ? contentId : null, requestId } as const;
    if (!owned) {
      await writeFailureAuditEvent(deps.db, { ...audit, outcome: 'failure', reason: 'NOT_FOUND' });
      throw new AppError('NOT_FOUND');
    }
    const messages = await readConversation(deps.db, deps.cipher, userId, contentId);
    await writeAuditEvent(deps.db, { ...audit, outcome: 'success' });
    return c.json({ contentId, messages: messages.map((m) => ({ id: m.id, role: m.role, text: m.text, createdAt: m.createdAt.toISOString() })) }, 200);
  });
}
