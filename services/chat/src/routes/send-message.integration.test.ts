import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LlmConverseRequest } from '#shared/bedrock/bedrock-client.ts';
import { SAFETY_RULES } from '../domain/system-prompt.ts';
import { textContext } from '../messages/chat-messages.ts';
import { codeOf, createChatTestContext, parseSse, type ChatTestContext } from '../testing/chat-test-context.ts';

let ctx: ChatTestContext;
let owner: string;
let contentId: string;
beforeAll(async () => {
  ctx = await createChatTestContext();
  owner = await ctx.createUser('premium');
  contentId = await ctx.createContent(owner);
});
afterAll(async () => {
  await ctx?.close();
});
afterEach(() => vi.restoreAllMocks());

interface Reply {
  messageId: string;
  reply: string;
  createdAt: string;
}

describe('POST /chat/messages', () => {
  it('answers grounded in the result: asked what is abnormal, it names the flagged LDL and HDL values', async () => {
    const res = await ctx.send(owner, { contentId, message: 'What is abnormal in my results?' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Reply;
    expect(body.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    expect(body.reply).toMatch(/LDL/);
    expect(body.reply).toMatch(/HDL/);
    expect(body.reply).toMatch(/outside the reference range/);

    const rows = await ctx.rawMessages(contentId);
    const assistant = rows.find((row) => row.id === body.messageId)!;
    expect(assistant).toMatchObject({ role: 'assistant', user_id: owner, model_id: 'eu.anthropic.claude-sonnet-4-6' });
    expect(assistant.input_tokens).toBeGreaterThan(0);
    expect(assistant.output_tokens).toBeGreaterThan(0);
    expect(await ctx.auditRows({ action: 'chat.message_sent', actorId: owner })).toEqual([
      expect.objectContaining({ resource_type: 'conversation', resource_id: contentId, outcome: 'success' }),
    ]);
  });

  it('streams the same text as the plain call as server-sent events, then stores both messages', async () => {
    const user = await ctx.createUser('premium');
    const content = await ctx.createContent(user);
    const question = 'What does my LDL cholesterol mean?';
    const plain = (await (await ctx.send(user, { contentId: content, message: question })).json()) as Reply;

    // A fresh conversation, so the history (and with it the prompt) is the same as for the plain call.
    const other = await ctx.createContent(user);
    const res = await ctx.send(user, { contentId: other, message: question }, { accept: 'text/event-stream' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const events = parseSse(await res.text());
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    const streamed = deltas.map((e) => (e.data as { text: string }).text).join('');
    expect(streamed).toBe(plain.reply);
    expect(streamed).toMatch(/LDL/);

    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    const data = done.data as { messageId: string; createdAt: string; usage: { inputTokens: number; outputTokens: number } };
    expect(data.usage.inputTokens).toBeGreaterThan(0);
    expect(data.usage.outputTokens).toBeGreaterThan(0);

    const conversation = (await (await ctx.conversation(user, other)).json()) as { messages: { id: string; role: string; text: string }[] };
    expect(conversation.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', question],
      ['assistant', streamed],
    ]);
    expect(conversation.messages[1]!.id).toBe(data.messageId);
  });

  it("records each answer's cost with document type `chat`, plain and streamed alike", async () => {
    const user = await ctx.createUser('premium');
    const content = await ctx.createContent(user);
    const plain = await ctx.send(user, { contentId: content, message: 'What is abnormal?' });
    expect(plain.status).toBe(200);
    const streamed = await ctx.send(user, { contentId: content, message: 'And my HDL?' }, { accept: 'text/event-stream' });
    expect(parseSse(await streamed.text()).at(-1)?.event).toBe('done');

    const records = await ctx.costRecords(user);
    expect(records).toHaveLength(2);
    const assistant = (await ctx.rawMessages(content)).filter((row) => row.role === 'assistant');
    for (const [i, record] of records.entries()) {
      expect(record).toMatchObject({ userId: user, documentType: 'chat', provider: 'bedrock', modelId: 'eu.anthropic.claude-sonnet-4-6' });
      expect(record.totalCost).toBeGreaterThan(0);
      // The tokens of the stored answer, so the record is this answer's and not a stray call's.
      expect([record.inputTokens, record.outputTokens]).toEqual([assistant[i]!.input_tokens, assistant[i]!.output_tokens]);
    }
  });

  it('sends the model the safety rules, the result and only the last messages of the conversation (10 by default), plain and streamed', async () => {
    const user = await ctx.createUser('premium');
    const content = await ctx.createContent(user);
    const questions = Array.from({ length: 6 }, (_, i) => `Question ${i + 1} about my LDL?`);
    for (const message of questions) expect((await ctx.send(user, { contentId: content, message })).status).toBe(200);
    const stored = (await (await ctx.conversation(user, content)).json()) as { messages: { role: string; text: string }[] };
    expect(stored.messages).toHaveLength(12);

    const plain = vi.spyOn(ctx.deps.bedrock, 'converse');
    const streamed = vi.spyOn(ctx.deps.bedrock, 'converseStream');
    expect((await ctx.send(user, { contentId: content, message: 'Question 7?' })).status).toBe(200);
    await (await ctx.send(user, { contentId: content, message: 'Question 8?' }, { accept: 'text/event-stream' })).text();
    const requests: LlmConverseRequest[] = [plain.mock.calls[0]![0], streamed.mock.calls[0]![0]];

    for (const [i, request] of requests.entries()) {
      const system = request.system?.map((block) => ('text' in block ? block.text : '')).join('\n') ?? '';
      expect(system.startsWith(SAFETY_RULES)).toBe(true);
      expect(system).toMatch(/Never diagnose/);
      expect(system).toMatch(/never prescribe/);
      expect(system).toMatch(/urgent medical care/);
      // The result, decrypted for the call: every value with its range and flag.
      expect(system).toContain('LDL Cholesterol: 162 mg/dL (reference <100) — high');
      expect(system).toMatch(/HDL[^\n]* — low/);

      // The 10 newest stored messages (5 question/answer pairs), oldest first, then the new question.
      const history = (await (await ctx.conversation(user, content)).json()) as { messages: { role: string; text: string }[] };
      const window = history.messages.slice(0, 12 + 2 * i).slice(-10);
      const texts = (request.messages ?? []).map((turn) => (turn.content ?? []).map((part) => ('text' in part ? part.text : '')).join(''));
      expect(texts).toEqual([...window.map((m) => m.text), i === 0 ? 'Question 7?' : 'Question 8?']);
      expect(request.messages?.map((turn) => turn.role)).toEqual([...window.map((m) => m.role), 'user']);
    }
  });

  it('stores both messages encrypted and returns the conversation in order', async () => {
    const user = await ctx.createUser('premium');
    const content = await ctx.createContent(user);
    const questions = ['What is abnormal?', 'Tell me about my HDL cholesterol', 'And my triglycerides?'];
    const replies: Reply[] = [];
    for (const message of questions) {
      const res = await ctx.send(user, { contentId: content, message });
      expect(res.status).toBe(200);
      replies.push((await res.json()) as Reply);
    }

    const rows = await ctx.rawMessages(content);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      const raw = row.text_enc.toString('latin1');
      for (const text of [...questions, ...replies.map((r) => r.reply)]) expect(raw).not.toContain(text);
      expect(raw).not.toMatch(/cholesterol|abnormal/i);
    }

    const res = await ctx.conversation(user, content);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { contentId: string; messages: { id: string; role: string; text: string; createdAt: string }[] };
    expect(body.contentId).toBe(content);
    expect(body.messages.map((m) => [m.role, m.text])).toEqual(questions.flatMap((q, i) => [['user', q], ['assistant', replies[i]!.reply]]));
    expect(body.messages.filter((m) => m.role === 'assistant').map((m) => m.id)).toEqual(replies.map((r) => r.messageId));
    const times = body.messages.map((m) => Date.parse(m.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(await ctx.auditRows({ action: 'chat.conversation_read', actorId: user })).toEqual([
      expect.objectContaining({ resource_type: 'conversation', resource_id: content, outcome: 'success' }),
    ]);
  });

  it("answers another user's content and a missing one with 404 on both routes, storing nothing", async () => {
    const stranger = await ctx.createUser('premium');
    for (const id of [contentId, crypto.randomUUID()]) {
      const post = await ctx.send(stranger, { contentId: id, message: 'What is abnormal?' });
      expect(post.status).toBe(404);
      expect(await codeOf(post)).toBe('NOT_FOUND');
      const streamed = await ctx.send(stranger, { contentId: id, message: 'What is abnormal?' }, { accept: 'text/event-stream' });
      expect(streamed.status).toBe(404);
      const get = await ctx.conversation(stranger, id);
      expect(get.status).toBe(404);
      expect(await codeOf(get)).toBe('NOT_FOUND');
    }
    expect((await ctx.conversation(stranger, 'not-a-uuid')).status).toBe(404);
    expect(await ctx.adminDb.selectFrom('chat_messages').select('id').where('user_id', '=', stranger).execute()).toEqual([]);
    const failures = await ctx.auditRows({ actorId: stranger });
    expect(failures.length).toBeGreaterThanOrEqual(5);
    for (const row of failures) expect(row).toMatchObject({ outcome: 'failure', reason: 'NOT_FOUND' });
  });

  it('rejects an empty message, one over 2,000 characters and a missing or malformed contentId with 400', async () => {
    const bodies = [
      { contentId, message: '' },
      { contentId, message: 'x'.repeat(2_001) },
      { message: 'What is abnormal?' },
      { contentId: 'not-a-uuid', message: 'What is abnormal?' },
      { contentId },
    ];
    for (const body of bodies) {
      const res = await ctx.send(owner, body);
      expect(res.status).toBe(400);
      expect(await codeOf(res)).toBe('VALIDATION_ERROR');
    }
    // 2,000 characters is still fine.
    expect((await ctx.send(owner, { contentId, message: `What is abnormal? ${'x'.repeat(1_982)}` })).status).toBe(200);
  });

  it("answers 429 QUOTA_EXCEEDED once this month's messages reach the plan's limit", async () => {
    await ctx.adminDb.updateTable('plans').set({ chat_messages_per_month: 2 }).where('id', '=', 'free').execute();
    const user = await ctx.createUser(); // no subscription row: the free plan
    const content = await ctx.createContent(user);
    // A message from last month does not count.
    const oldId = crypto.randomUUID();
    const textEnc = await ctx.cipher.encrypt('An old question', textContext(user, oldId));
    await ctx.adminDb
      .insertInto('chat_messages')
      .values({ id: oldId, user_id: user, content_id: content, role: 'user', text_enc: textEnc, created_at: new Date(Date.UTC(2020, 0, 15)) })
      .execute();
    for (let i = 0; i < 2; i += 1) expect((await ctx.send(user, { contentId: content, message: 'What is abnormal?' })).status).toBe(200);
    for (const accept of ['application/json', 'text/event-stream']) {
      const res = await ctx.send(user, { contentId: content, message: 'What is abnormal?' }, { accept });
      expect(res.status).toBe(429);
      expect(await codeOf(res)).toBe('QUOTA_EXCEEDED');
    }
    expect(await ctx.adminDb.selectFrom('chat_messages').select('id').where('user_id', '=', user).where('role', '=', 'user').execute()).toHaveLength(3);
    // A premium user is not affected by the free plan's limit.
    expect((await ctx.send(owner, { contentId, message: 'What is abnormal?' })).status).toBe(200);
  });

  it('needs an access token on both routes', async () => {
    const post = await ctx.app.request('/chat/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contentId, message: 'hi' }) });
    expect(post.status).toBe(401);
    const get = await ctx.app.request(`/chat/conversations/${contentId}`);
    expect(get.status).toBe(401);
    expect(await codeOf(get)).toBe('UNAUTHORIZED');
  });

  it('documents both routes in /openapi.json', async () => {
    const doc = (await (await ctx.app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).sort()).toEqual(['/chat/conversations/{contentId}', '/chat/messages']);
  });
});
