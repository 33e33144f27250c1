import { ConverseCommand, ConverseStreamCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { readConverseStream, TEST_MODEL_ID, useBedrockMock } from './testing/sdk-test-helpers.ts';
import { startBedrockMock } from './server.ts';

// Environment defaults are read at start; `config` overrides them.
const { mock, client } = await useBedrockMock({
  environment: { BEDROCK_MOCK_ERROR_TYPES: 'ServiceUnavailableException', BEDROCK_MOCK_SEED: '99', BEDROCK_MOCK_FIRST_TOKEN_MS: '5' },
  config: { latency: { firstTokenMs: 0 } },
});

const input: ConverseCommandInput = { modelId: TEST_MODEL_ID, messages: [{ role: 'user', content: [{ text: 'Is my cholesterol fine?' }] }] };

async function outcome(): Promise<string> {
  try {
    await client.send(new ConverseCommand(input));
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

async function outcomes(count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i++) seen.push(await outcome());
  return seen;
}

const control = (path: string, init?: RequestInit) => fetch(`${mock.endpoint}/_mock/${path}`, init);
const postJson = (path: string, body: unknown) => control(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('start-up behaviour', () => {
  it('takes environment defaults under the options', () => {
    expect(mock.behaviour()).toEqual({
      latency: { firstTokenMs: 0, tokensPerSecond: 0 },
      errors: { rate: 0, types: ['ServiceUnavailableException'] },
      seed: 99,
    });
  });

  it('refuses a bad environment naming the variable', async () => {
    await expect(startBedrockMock({ environment: { BEDROCK_MOCK_TOKENS_PER_SECOND: 'fast' } })).rejects.toThrow(/BEDROCK_MOCK_TOKENS_PER_SECOND="fast"/);
  });
});

describe('fault injection', () => {
  it('fails every call with the configured class at rate 1', async () => {
    mock.configure({ errors: { rate: 1 } });
    expect(new Set(await outcomes(5))).toEqual(new Set(['ServiceUnavailableException']));
  });

  it('repeats the same sequence for the same seed', async () => {
    mock.configure({ seed: 1234, errors: { rate: 0.5, types: ['ThrottlingException', 'ModelTimeoutException'] } });
    const first = await outcomes(24);
    mock.configure({ seed: 1234 });
    const second = await outcomes(24);

    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'ThrottlingException', 'ModelTimeoutException']));
    mock.configure({ seed: 4321 });
    expect(await outcomes(24)).not.toEqual(first);
  });

  it('reset() restarts the start seed and clears the stats', async () => {
    mock.configure({ errors: { rate: 0.5 } });
    const first = await outcomes(16);
    mock.reset();
    expect(mock.stats().requests.Converse).toBe(0);
    mock.configure({ errors: { rate: 0.5 } });
    expect(await outcomes(16)).toEqual(first);
  });
});

describe('latency', () => {
  it('holds the first stream event until firstTokenMs and paces the rest by tokensPerSecond', async () => {
    mock.configure({ latency: { firstTokenMs: 300, tokensPerSecond: 400 } });

    const sentAt = performance.now();
    const stream = await readConverseStream(sentAt, (await client.send(new ConverseStreamCommand(input))).stream);
    const totalMs = performance.now() - sentAt;

    const outputTokens = stream.usage?.outputTokens ?? 0;
    expect(outputTokens).toBeGreaterThan(20);
    // Loose bounds: timers may fire late, never early (minus rounding).
    expect(stream.firstEventMs).toBeGreaterThanOrEqual(290);
    expect(totalMs).toBeGreaterThanOrEqual(290 + (outputTokens / 400) * 1_000 * 0.9);
    expect(stream.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it('makes a non-streamed answer wait first-token plus generation time', async () => {
    mock.configure({ latency: { firstTokenMs: 200, tokensPerSecond: 1_000 } });

    const sentAt = performance.now();
    const response = await client.send(new ConverseCommand(input));

    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(190 + (response.usage?.outputTokens ?? 0) * 0.9);
    expect(response.metrics?.latencyMs).toBeGreaterThanOrEqual(190);
  });
});

describe('control routes', () => {
  it('GET /_mock/config shows the behaviour and the accepted models', async () => {
    const response = await control('config');
    const body = (await response.json()) as { seed: number; models: string[] };
    expect(response.status).toBe(200);
    expect(body.seed).toBe(99);
    expect(body.models).toContain(TEST_MODEL_ID);
  });

  it('POST /_mock/config merges a valid patch', async () => {
    const response = await postJson('config', { errors: { rate: 1, types: ['AccessDeniedException'] } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ errors: { rate: 1, types: ['AccessDeniedException'] } });
    expect(await outcome()).toBe('AccessDeniedException');
  });

  it.each([
    ['a rate above 1', { errors: { rate: 2 } }],
    ['an unknown exception', { errors: { types: ['TeapotException'] } }],
    ['an unknown key', { latency: { firstTokenMS: 10 } }],
  ])('POST /_mock/config answers 400 for %s and changes nothing', async (_, patch) => {
    const response = await postJson('config', patch);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/^invalid behaviour patch/);
    expect(mock.behaviour().errors.rate).toBe(0);
  });

  it('POST /_mock/config answers 400 for malformed JSON', async () => {
    const response = await control('config', { method: 'POST', body: '{"errors":' });
    expect(response.status).toBe(400);
  });

  it('GET /_mock/stats counts injected errors and POST /_mock/reset clears them', async () => {
    await postJson('config', { errors: { rate: 1 } });
    await outcomes(2);

    const stats = (await (await control('stats')).json()) as { requests: { Converse: number }; errorsInjected: Record<string, number> };
    expect(stats.requests.Converse).toBe(2);
    expect(stats.errorsInjected).toEqual({ ServiceUnavailableException: 2 });

    expect((await control('reset', { method: 'POST' })).status).toBe(200);
    expect(mock.stats().requests.Converse).toBe(0);
    expect(mock.behaviour().errors.rate).toBe(0);
  });

  it('answers 404 and 405 for what it does not serve', async () => {
    expect((await control('nothing')).status).toBe(404);
    expect((await control('reset')).status).toBe(405);
  });
});
