import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { decodeEventStream } from './event-stream.ts';
import { readConverseStream, TEST_MODEL_ID, useBedrockMock } from './testing/sdk-test-helpers.ts';
import { startBedrockMock } from './server.ts';

const { mock, client } = await useBedrockMock();

const converseBody = { messages: [{ role: 'user' as const, content: [{ text: 'Hello' }] }] };
const path = (modelId: string, action: string) => `${mock.endpoint}/model/${encodeURIComponent(modelId)}/${action}`;

describe('one port, two protocols', () => {
  it('serves the SDK over h2c and fetch over HTTP/1.1', async () => {
    const viaSdk = await client.send(new ConverseCommand({ modelId: TEST_MODEL_ID, ...converseBody }));
    const viaFetch = await fetch(path(TEST_MODEL_ID, 'converse'), { method: 'POST', body: JSON.stringify(converseBody) });

    expect(viaFetch.status).toBe(200);
    expect(viaFetch.headers.get('content-type')).toBe('application/json');
    expect(viaFetch.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await viaFetch.json()) as { output: unknown }).output).toEqual(viaSdk.output);
  });

  it('frames an HTTP/1.1 event stream the codec decodes', async () => {
    const response = await fetch(path(TEST_MODEL_ID, 'converse-stream'), { method: 'POST', body: JSON.stringify(converseBody) });

    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const events = decodeEventStream(new Uint8Array(await response.arrayBuffer()));
    expect(events[0]).toEqual({
      headers: { ':event-type': 'messageStart', ':content-type': 'application/json', ':message-type': 'event' },
      payload: { role: 'assistant', p: expect.stringMatching(/^a/) as unknown },
    });
    expect(events.at(-1)?.headers[':event-type']).toBe('metadata');
  });

  it('answers InvokeModelWithResponseStream with the content-type header the SDK maps', async () => {
    const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
    const response = await fetch(path(TEST_MODEL_ID, 'invoke-with-response-stream'), { method: 'POST', body });

    expect(response.headers.get('x-amzn-bedrock-content-type')).toBe('application/json');
    const [first] = decodeEventStream(new Uint8Array(await response.arrayBuffer()));
    expect(first?.headers[':event-type']).toBe('chunk');
    const { bytes } = first?.payload as { bytes: string };
    expect(JSON.parse(Buffer.from(bytes, 'base64').toString('utf8'))).toMatchObject({ type: 'message_start' });
  });
});

describe('model ids in the path', () => {
  it.each([
    'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-haiku-4-5-20251001-v1:0',
    'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-sonnet-4-6',
    'global.anthropic.claude-opus-4-6-v1',
  ])('accepts %s, percent-encoded by the SDK', async (modelId) => {
    const response = await client.send(new ConverseCommand({ modelId, ...converseBody }));
    expect(response.stopReason).toBe('end_turn');
  });
});

describe('robustness', () => {
  it('answers 404 UnknownOperationException off the Bedrock paths', async () => {
    const response = await fetch(`${mock.endpoint}/model/${TEST_MODEL_ID}/count-tokens`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect((await fetch(path(TEST_MODEL_ID, 'converse'))).status).toBe(404);
  });

  it('survives a client that leaves mid-stream', async () => {
    mock.configure({ latency: { firstTokenMs: 0, tokensPerSecond: 100 } });
    const aborter = new AbortController();
    const response = await client.send(new ConverseStreamCommand({ modelId: TEST_MODEL_ID, ...converseBody }), { abortSignal: aborter.signal });

    const seen: string[] = [];
    try {
      for await (const event of response.stream ?? []) {
        seen.push(Object.keys(event)[0] ?? '?');
        aborter.abort();
      }
    } catch {
      // Whether the SDK raises an abort error or just ends the stream is its business.
    }
    expect(seen[0]).toBe('messageStart');
    expect(seen).not.toContain('metadata');

    mock.configure({ latency: { tokensPerSecond: 0 } });
    const next = await readConverseStream(performance.now(), (await client.send(new ConverseStreamCommand({ modelId: TEST_MODEL_ID, ...converseBody }))).stream);
    expect(next.stopReason).toBe('end_turn');
  });

  it('serves many concurrent calls', async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, () => client.send(new ConverseCommand({ modelId: TEST_MODEL_ID, ...converseBody }))));
    expect(responses.every((response) => response.stopReason === 'end_turn')).toBe(true);
    expect(mock.stats().requests.Converse).toBe(40);
  });

  it('refuses a body over 25,000,000 bytes with a ValidationException', async () => {
    const response = await fetch(path(TEST_MODEL_ID, 'converse'), { method: 'POST', body: 'x'.repeat(25_000_001) });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
  });
});

describe('stop()', () => {
  it('closes the port and is idempotent', async () => {
    const other = await startBedrockMock();
    await fetch(`${other.endpoint}/_mock/config`);
    await Promise.all([other.stop(), other.stop()]);
    await expect(fetch(`${other.endpoint}/_mock/config`)).rejects.toThrow();
  });
});
