/** The chat routes' request and response schemas (zod, documented in /openapi.json). */
import { z } from '@hono/zod-openapi';

export const MAX_MESSAGE_CHARS = 2_000;

export const SendMessageBody = z
  .object({
    contentId: z.uuid().openapi({ description: 'The result (content) the question is about' }),
    message: z.string().min(1).max(MAX_MESSAGE_CHARS).openapi({ example: 'What is abnormal in my results?' }),
  })
  .openapi('SendChatMessage');

export const ChatReply = z
  .object({
    messageId: z.uuid().openapi({ description: "The assistant message's id" }),
    reply: z.string(),
    createdAt: z.iso.datetime(),
  })
  .openapi('ChatReply');

export const ContentIdParams = z.object({
  contentId: z.string().openapi({ param: { name: 'contentId', in: 'path' }, example: '0b7c6f1e-2d1f-4c55-9a57-1f0f8a3f0c11' }),
});

export const ConversationMessage = z
  .object({ id: z.uuid(), role: z.enum(['user', 'assistant']), text: z.string(), createdAt: z.iso.datetime() })
  .openapi('ChatConversationMessage');

export const Conversation = z.object({ contentId: z.uuid(), messages: z.array(ConversationMessage) }).openapi('ChatConversation');

export const SSE_DESCRIPTION = [
  'With `Accept: text/event-stream`: server-sent events.',
  '`event: delta` data `{"text": "…"}` per chunk of the answer;',
  '`event: done` data `{"messageId", "createdAt", "usage": {"inputTokens", "outputTokens"}}` after both messages are stored;',
  '`event: error` data `{"code", "message"}` when the answer fails after the stream started (nothing is stored).',
].join(' ');
