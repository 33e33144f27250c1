/**
 * `POST /chat/messages` (Bearer) `{contentId, message}`: an answer about one of the user's
 * results from the chat model, grounded in the result (decrypted in memory only) and the last
 * messages of the conversation, under the safety system prompt. Plain JSON by default; with
 * `Accept: text/event-stream` the answer streams as server-sent events (see SSE_DESCRIPTION).
 *
 * Order: quota (429) → the content (404 for a missing or another user's one, same answer) → the
 * history → the model → both messages stored encrypted in one transaction → audit. Nothing is
 * stored when the model fails; the failure is audited with its code (the result was decrypted
 * for it). The model call's deadline is the request's time left (request-deadline.ts), so a
 * slow model ends in 504 UPSTREAM_TIMEOUT before API Gateway's 30 s cut.
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Message } from '@aws-sdk/client-bedrock-runtime';
import { streamSSE } from 'hono/streaming';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent, writeFailureAuditEvent } from '#shared/audit/write-audit-event.ts';
import type { LlmCallContext } from '#shared/bedrock/llm-call-context.ts';
import type { LlmConverseRequest } from '#shared/bedrock/bedrock-client.ts';
import { readLabContent } from '#shared/content/index.ts';
import { AppError } from '#shared/errors/index.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import { toAppError } from '#shared/http/to-app-error.ts';
import { logger } from '#shared/observability/logger.ts';
import type { ChatDependencies } from '../chat-dependencies.ts';
import { requestTimeLeft } from '../domain/request-deadline.ts';
import { buildSystemPrompt } from '../domain/system-prompt.ts';
import { assertChatQuota } from '../messages/chat-quota.ts';
import { newMessageId, readConversation, storeMessages, type ChatMessage, type NewChatMessage } from '../messages/chat-messages.ts';
import { ChatReply, SendMessageBody, SSE_DESCRIPTION } from './schemas.ts';

export const CONVERSATION_RESOURCE_TYPE = 'conversation';

export const sendMessageRoute = createRoute({
  method: 'post',
  path: '/chat/messages',
  tags: ['chat'],
  summary: 'Ask about one of your results',
  description: SSE_DESCRIPTION,
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: SendMessageBody } } } },
  responses: {
    200: {
      description: 'The answer (JSON), or the answer as server-sent events when the request accepts `text/event-stream`',
      content: { 'application/json': { schema: ChatReply }, 'text/event-stream': { schema: z.string() } },
    },
    400: errorResponseSpec('VALIDATION_ERROR: contentId not a UUID, message empty or over 2,000 characters'),
    401: errorResponseSpec('UNAUTHORIZED'),
    404: errorResponseSpec('NOT_FOUND: no such result for this user'),
    429: errorResponseSpec("QUOTA_EXCEEDED: this month's chat messages are used up"),
    502: errorResponseSpec('LLM_* errors of the model'),
    503: errorResponseSpec('LLM_THROTTLED / LLM_UNAVAILABLE / SERVICE_UNAVAILABLE'),
    504: errorResponseSpec('UPSTREAM_TIMEOUT: the model did not answer within the request budget'),
  },
});

/** Bedrock wants a conversation that starts with the user and alternates; stored pairs do, a trimmed window may not. */
export function toModelMessages(history: readonly ChatMessage[], question: string): Message[] {
  const turns: Message[] = [];
  for (const message of history) {
    if (turns.length === 0 && message.role !== 'user') continue;
    const last = turns.at(-1);
    if (last?.role === message.role) last.content = [...(last.content ?? []), { text: message.text }];
    else turns.push({ role: message.role, content: [{ text: message.text }] });
  }
  if (turns.at(-1)?.role === 'user') turns.pop(); // a question without its answer: never stored, but never sent twice either
  turns.push({ role: 'user', content: [{ text: question }] });
  return turns;
}

function wantsEventStream(accept: string | undefined): boolean {
  return accept?.toLowerCase().includes('text/event-stream') === true;
}

export function registerSendMessage(app: ServiceApp, deps: ChatDependencies): void {
  app.openapi(sendMessageRoute, async (c) => {
    const timeLeft = requestTimeLeft(deps.chat.requestBudgetMs, c.env?.lambdaContext);
    const { contentId, message } = c.req.valid('json');
    const userId = c.get('userId');
    const requestId = c.get('requestId');
    const audit = { actorId: userId, action: AuditActions.chatMessageSent, resourceType: CONVERSATION_RESOURCE_TYPE, resourceId: contentId, requestId } as const;

    await assertChatQuota(deps.db, userId);
    const content = await readLabContent(deps.db, deps.cipher, userId, contentId);
    if (!content) {
      await writeFailureAuditEvent(deps.db, { ...audit, outcome: 'failure', reason: 'NOT_FOUND' });
      throw new AppError('NOT_FOUND');
    }
    const history = await readConversation(deps.db, deps.cipher, userId, contentId, deps.chat.historyMessages);
    const request: LlmConverseRequest = { system: [{ text: buildSystemPrompt(content) }], messages: toModelMessages(history, message) };
    const llm: LlmCallContext = { userId, documentType: 'chat', requestId, remainingTimeMs: timeLeft };
    const question: NewChatMessage = { id: newMessageId(), role: 'user', text: message, createdAt: new Date() };

    const save = async (reply: string, modelId: string, usage: { inputTokens: number; outputTokens: number }) => {
      const answer: NewChatMessage = { id: newMessageId(), role: 'assistant', text: reply, createdAt: new Date(), modelId, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
      await storeMessages(deps.db, deps.cipher, userId, contentId, [question, answer]);
      await writeAuditEvent(deps.db, { ...audit, outcome: 'success' });
      return answer;
    };

    // The result was decrypted for the model: a failed answer is audited too, with its code.
    const auditFailure = async (error: unknown) => writeFailureAuditEvent(deps.db, { ...audit, outcome: 'failure', reason: toAppError(error).code });

    if (wantsEventStream(c.req.header('accept'))) {
      // Opening throws an AppError before the first byte (504, 503, …): a normal error response.
      const stream = await deps.bedrock.converseStream(request, llm).catch(async (error: unknown) => {
        await auditFailure(error);
        throw error;
      });
      const response = streamSSE(c, async (sse) => {
        let disconnected = false;
        sse.onAbort(() => {
          disconnected = true;
        });
        try {
          for await (const text of stream) {
            // Leaving the loop aborts the model call (no answer, nothing stored).
            if (disconnected) return;
            await sse.writeSSE({ event: 'delta', data: JSON.stringify({ text }) });
          }
          const result = await stream.result;
          const answer = await save(result.text, result.modelId, result.usage);
          await sse.writeSSE({
            event: 'done',
            data: JSON.stringify({ messageId: answer.id, createdAt: answer.createdAt.toISOString(), usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens } }),
          });
        } catch (error) {
          // Code and public message only: never a stack, a model's text or the question.
          const appError = toAppError(error);
          logger.warn('chat stream failed', { code: appError.code, requestId, errorName: error instanceof Error ? error.name : typeof error });
          await auditFailure(error);
          await sse.writeSSE({ event: 'error', data: JSON.stringify({ code: appError.code, message: appError.message }) });
        }
      });
      response.headers.set('cache-control', 'no-store');
      return response;
    }

    const result = await deps.bedrock.converse(request, llm).catch(async (error: unknown) => {
      await auditFailure(error);
      throw error;
    });
    const answer = await save(result.text, result.modelId, result.usage);
    return c.json({ messageId: answer.id, reply: result.text, createdAt: answer.createdAt.toISOString() }, 200);
  });
}
