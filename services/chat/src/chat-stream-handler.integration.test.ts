import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpApiEvent, lambdaContext } from '#shared/testing/lambda-events.ts';
import { createChatStreamHandler, type ResponseStreamHandler } from './chat-stream-handler.ts';
import { FORWARDED_AUTHORIZATION_HEADER } from './forwarded-authorization.ts';
import { createChatTestContext, parseSse, type ChatTestContext } from './testing/chat-test-context.ts';
import { installFakeStreamingRuntime, invokeStreaming } from './testing/fake-streaming-runtime.ts';

let ctx: ChatTestContext;
let handler: ResponseStreamHandler;
beforeAll(async () => {
  installFakeStreamingRuntime();
  ctx = await createChatTestContext();
  handler = createChatStreamHandler(ctx.deps);
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await ctx?.close();
});

describe('the chat stream handler (response streaming, as behind CloudFront /chat/stream)', () => {
  it('writes each server-sent event separately as the model answers; the last carries the message id and usage', async () => {
    const user = await ctx.createUser('premium');
    const contentId = await ctx.createContent(user);
    const token = (await ctx.authorization(user)).authorization!;
    const remaining = vi.fn(() => 60_000);
    const event = httpApiEvent('POST', '/chat/messages', {
      headers: { accept: 'text/event-stream', [FORWARDED_AUTHORIZATION_HEADER]: token },
      body: { contentId, message: 'What is abnormal in my results?' },
    });

    const res = await invokeStreaming(handler, event, { ...lambdaContext('serenya-development-chat-stream'), getRemainingTimeInMillis: remaining });

    expect(res.prelude.statusCode).toBe(200);
    expect(res.prelude.headers).toMatchObject({ 'content-type': expect.stringMatching(/^text\/event-stream/) as unknown, 'cache-control': 'no-store' });
    // Streamed, not buffered: one write per event (every write one whole event).
    const events = res.chunks.map((chunk) => parseSse(chunk));
    expect(events.every((inChunk) => inChunk.length === 1)).toBe(true);
    const deltas = events.flat().filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((e) => (e.data as { text: string }).text).join('')).toMatch(/LDL/);

    const done = events.flat().at(-1)!;
    expect(done.event).toBe('done');
    const data = done.data as { messageId: string; usage: { inputTokens: number; outputTokens: number } };
    expect(data.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(data.usage.inputTokens).toBeGreaterThan(0);
    expect(data.usage.outputTokens).toBeGreaterThan(0);
    expect((await ctx.rawMessages(contentId)).map((row) => row.id)).toContain(data.messageId);
    // The Lambda context reaches the app: the model call's deadline consults its time left.
    expect(remaining).toHaveBeenCalled();
  });
});
