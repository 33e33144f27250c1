import {
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type ConverseCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { estimateTokens } from './lab-interpreter/index.ts';
import { anthropicBody, captureResponseHeaders, readConverseStream, readInvokeStream, TEST_MODEL_ID, useBedrockMock } from './testing/sdk-test-helpers.ts';

const { mock, client } = await useBedrockMock();
const lastHeaders = captureResponseHeaders(client);

const RESULTS = JSON.stringify({
  labValues: [{ name: 'Hemoglobin', value: 11.2, unit: 'g/dL', referenceRange: { low: 12, high: 15.5, text: '12.0-15.5' }, flag: 'low' }],
});
const chat: ConverseCommandInput = {
  modelId: TEST_MODEL_ID,
  system: [{ text: RESULTS }],
  messages: [{ role: 'user', content: [{ text: 'What does my hemoglobin result mean?' }] }],
  inferenceConfig: { maxTokens: 512 },
};

describe('Converse', () => {
  it('answers a chat question from the system prompt, with usage and metrics', async () => {
    const response = await client.send(new ConverseCommand(chat));

    const text = response.output?.message?.content?.[0]?.text ?? '';
    expect(response.output?.message?.role).toBe('assistant');
    expect(text).toMatch(/hemoglobin/i);
    expect(response.stopReason).toBe('end_turn');
    expect(response.usage).toEqual({
      inputTokens: estimateTokens([RESULTS, 'What does my hemoglobin result mean?'].join('\n')),
      outputTokens: estimateTokens(text),
      totalTokens: (response.usage?.inputTokens ?? 0) + estimateTokens(text),
    });
    expect(response.metrics?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(response.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('cuts the answer at maxTokens and says so', async () => {
    const response = await client.send(new ConverseCommand({ ...chat, inferenceConfig: { maxTokens: 5 } }));

    const text = response.output?.message?.content?.[0]?.text ?? '';
    expect(response.stopReason).toBe('max_tokens');
    expect(response.usage?.outputTokens).toBe(5);
    expect(estimateTokens(text)).toBeLessThanOrEqual(5);
    expect(text.length).toBeGreaterThan(0);
  });

  it('stops at a stop sequence', async () => {
    const full = (await client.send(new ConverseCommand(chat))).output?.message?.content?.[0]?.text ?? '';
    const stop = full.split(' ').slice(3, 5).join(' ');

    const response = await client.send(new ConverseCommand({ ...chat, inferenceConfig: { maxTokens: 512, stopSequences: [stop] } }));

    expect(response.stopReason).toBe('stop_sequence');
    expect(response.output?.message?.content?.[0]?.text).toBe(full.slice(0, full.indexOf(stop)));
  });
});

describe('ConverseStream', () => {
  it('streams the same text as Converse, in the real event order', async () => {
    const whole = await client.send(new ConverseCommand(chat));
    const response = await client.send(new ConverseStreamCommand(chat));
    const stream = await readConverseStream(performance.now(), response.stream);

    expect(stream.text).toBe(whole.output?.message?.content?.[0]?.text);
    expect(stream.events[0]).toBe('messageStart');
    expect(stream.events.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
    // Text blocks start with their first delta: no contentBlockStart (BEDROCK.md §2.9).
    expect(stream.events).not.toContain('contentBlockStart');
    expect(stream.events.filter((event) => event === 'contentBlockDelta').length).toBeGreaterThan(3);
    expect(stream.stopReason).toBe('end_turn');
    expect(stream.usage).toEqual(whole.usage);
  });
});

describe('InvokeModel', () => {
  const body = anthropicBody({ system: RESULTS, messages: [{ role: 'user', content: 'What does my hemoglobin result mean?' }] });

  it('answers with an Anthropic message and the token and latency headers', async () => {
    const response = await client.send(new InvokeModelCommand({ modelId: TEST_MODEL_ID, body, contentType: 'application/json', accept: 'application/json' }));

    const message = JSON.parse(Buffer.from(response.body).toString('utf8')) as Record<string, unknown> & { usage: { input_tokens: number; output_tokens: number } };
    expect(response.contentType).toBe('application/json');
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-haiku-4-5-20251001', stop_reason: 'end_turn', stop_sequence: null });
    expect(message.id).toMatch(/^msg_bdrk_01[0-9A-Za-z]{22}$/);
    expect(message.content).toEqual([{ type: 'text', text: expect.stringMatching(/hemoglobin/i) as unknown }]);
    const headers = lastHeaders();
    expect(headers['x-amzn-bedrock-input-token-count']).toBe(String(message.usage.input_tokens));
    expect(headers['x-amzn-bedrock-output-token-count']).toBe(String(message.usage.output_tokens));
    expect(Number(headers['x-amzn-bedrock-invocation-latency'])).toBeGreaterThanOrEqual(0);
    expect(headers['x-amzn-requestid']).toBe(response.$metadata.requestId);
  });

  it('gives the same text as Converse for the same conversation', async () => {
    const invoked = JSON.parse(Buffer.from((await client.send(new InvokeModelCommand({ modelId: TEST_MODEL_ID, body }))).body).toString('utf8')) as {
      content: Array<{ text: string }>;
    };
    const conversed = await client.send(new ConverseCommand(chat));
    expect(invoked.content[0]?.text).toBe(conversed.output?.message?.content?.[0]?.text);
  });
});

describe('InvokeModelWithResponseStream', () => {
  it('streams Anthropic events whose text and usage match InvokeModel', async () => {
    const body = anthropicBody({ max_tokens: 512, messages: [{ role: 'user', content: 'Is a high LDL cholesterol a problem?' }] });
    const whole = JSON.parse(Buffer.from((await client.send(new InvokeModelCommand({ modelId: TEST_MODEL_ID, body }))).body).toString('utf8')) as {
      content: Array<{ text: string }>;
      usage: { input_tokens: number; output_tokens: number };
    };

    const response = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: TEST_MODEL_ID, body }));
    const { events, text } = await readInvokeStream(response.body);

    expect(response.contentType).toBe('application/json');
    expect(text).toBe(whole.content[0]?.text);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('message_start');
    expect(types[1]).toBe('content_block_start');
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(events[0]).toMatchObject({
      message: { type: 'message', role: 'assistant', content: [], stop_reason: null, usage: { input_tokens: whole.usage.input_tokens, output_tokens: 1 } },
    });
    expect(events.at(-2)).toEqual({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: whole.usage.output_tokens } });
    expect(events.at(-1)).toMatchObject({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': { inputTokenCount: whole.usage.input_tokens, outputTokenCount: whole.usage.output_tokens },
    });
  });
});

describe('stats', () => {
  it('counts requests, tokens and latency per operation', async () => {
    await client.send(new ConverseCommand(chat));
    await readConverseStream(performance.now(), (await client.send(new ConverseStreamCommand(chat))).stream);

    const stats = mock.stats();
    expect(stats.requests).toEqual({ InvokeModel: 0, InvokeModelWithResponseStream: 0, Converse: 1, ConverseStream: 1 });
    expect(stats.tokens.input).toBeGreaterThan(0);
    expect(stats.latency.byOperation.ConverseStream.count).toBe(1);
    expect(stats.latency.p50Ms).not.toBeNull();
  });
});
