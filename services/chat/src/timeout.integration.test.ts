import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBedrockMock, type BedrockMock } from '../../../emulation/src/mocks/bedrock/index.ts';
import { codeOf, createChatTestContext, parseSse, type ChatTestContext } from './testing/chat-test-context.ts';

// The 30 s bound, scaled down: a request budget of 3 s (the Bedrock client keeps its 1 s margin
// of it for storing the answer), against this file's own mock whose first token takes 8 s.
const BUDGET_MS = 3_000;
let mock: BedrockMock;
let ctx: ChatTestContext;
let user: string;
let contentId: string;
beforeAll(async () => {
  mock = await startBedrockMock({ config: { latency: { firstTokenMs: 8_000 } } });
  ctx = await createChatTestContext({ bedrockEndpoint: mock.endpoint, chat: { CHAT_REQUEST_BUDGET_MS: String(BUDGET_MS) }, bedrock: { BEDROCK_DEADLINE_MARGIN_MS: '1000' } });
  user = await ctx.createUser('premium');
  contentId = await ctx.createContent(user);
});
afterAll(async () => {
  await ctx?.close();
  await mock?.stop();
});

describe('the request budget against a slow model', () => {
  it('answers 504 UPSTREAM_TIMEOUT within the budget instead of waiting for the model, storing nothing', async () => {
    const started = performance.now();
    const res = await ctx.send(user, { contentId, message: 'What is abnormal?' });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(504);
    expect(await codeOf(res)).toBe('UPSTREAM_TIMEOUT');
    expect(elapsed).toBeLessThan(BUDGET_MS + 1_500);
    expect(await ctx.rawMessages(contentId)).toEqual([]);
    // The result was decrypted for the model: the failed answer is audited with its code.
    expect(await ctx.auditRows({ action: 'chat.message_sent', actorId: user })).toEqual([
      expect.objectContaining({ outcome: 'failure', reason: 'UPSTREAM_TIMEOUT', resource_id: contentId }),
    ]);
  });

  it('ends a stream with 504 or an `error` event (UPSTREAM_TIMEOUT) in time, storing nothing', async () => {
    const started = performance.now();
    const res = await ctx.send(user, { contentId, message: 'What is abnormal?' }, { accept: 'text/event-stream' });
    if (res.status === 200) {
      const events = parseSse(await res.text());
      expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'UPSTREAM_TIMEOUT', message: expect.any(String) as string } });
      expect(events.some((e) => e.event === 'done')).toBe(false);
    } else {
      expect(res.status).toBe(504);
      expect(await codeOf(res)).toBe('UPSTREAM_TIMEOUT');
    }
    expect(performance.now() - started).toBeLessThan(BUDGET_MS + 1_500);
    expect(await ctx.rawMessages(contentId)).toEqual([]);
    const failures = (await ctx.auditRows({ action: 'chat.message_sent', actorId: user })).filter((row) => row.outcome === 'failure');
    expect(failures.map((row) => row.reason)).toEqual(['UPSTREAM_TIMEOUT', 'UPSTREAM_TIMEOUT']);
  });

  it('answers normally once the model is fast again', async () => {
    mock.configure({ latency: { firstTokenMs: 0 } });
    const res = await ctx.send(user, { contentId, message: 'What is abnormal?' });
    expect(res.status).toBe(200);
    expect(await ctx.rawMessages(contentId)).toHaveLength(2);
  });
});
