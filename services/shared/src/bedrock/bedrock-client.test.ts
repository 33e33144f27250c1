import {
  AccessDeniedException,
  ConverseCommand,
  ConverseStreamCommand,
  ModelStreamErrorException,
  ThrottlingException,
  ValidationException,
  type ConverseCommandOutput,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBedrockConfig, type BedrockConfig } from '../config/bedrock-config.ts';
import type { LlmUsageEvent } from '../cost/cost-record.ts';
import type { RecordOptions } from '../cost/cost-recorder.ts';
import { AppError } from '../errors/index.ts';
import type { BreakerPolicy } from '../resilience/circuit-breaker.ts';
import { createBedrockClient, type BedrockClient, type BedrockRuntime, type LlmConverseRequest } from './bedrock-client.ts';
import type { LlmCallContext } from './llm-call-context.ts';
import { StreamCancelledError } from './stream-errors.ts';

type Command = ConverseCommand | ConverseStreamCommand;
type Handler = (command: Command, options: { abortSignal: AbortSignal }) => Promise<unknown>;

const request: LlmConverseRequest = { messages: [{ role: 'user', content: [{ text: 'What does my ferritin value mean?' }] }] };
const labCtx: LlmCallContext = { userId: 'user-1', documentType: 'lab_results', requestId: 'req-1' };
const chatCtx: LlmCallContext = { userId: 'user-1', documentType: 'chat', requestId: 'req-2' };

const meta = { $metadata: {} };
const throttled = () => new ThrottlingException({ message: 'Too many requests, please wait before trying again.', ...meta });

function converseOutput(text: string[], inputTokens = 3_000, outputTokens = 1_200): ConverseCommandOutput {
  return {
    $metadata: {},
    output: { message: { role: 'assistant', content: text.map((t) => ({ text: t })) } },
    stopReason: 'end_turn',
    usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
    metrics: { latencyMs: 10 },
  };
}

async function* events(list: ConverseStreamOutput[], options: { thenThrow?: Error; thenHang?: boolean } = {}): AsyncGenerator<ConverseStreamOutput> {
  for (const event of list) {
    await Promise.resolve();
    yield event;
  }
  if (options.thenThrow) throw options.thenThrow;
  if (options.thenHang) await new Promise(() => undefined);
}

function streamEvents(deltas: string[], usage = { inputTokens: 2_000, outputTokens: 400, totalTokens: 2_400 }): ConverseStreamOutput[] {
  return [
    { messageStart: { role: 'assistant' } },
    ...deltas.map((text) => ({ contentBlockDelta: { contentBlockIndex: 0, delta: { text } } })),
    { contentBlockStop: { contentBlockIndex: 0 } },
    { messageStop: { stopReason: 'end_turn' } },
    { metadata: { usage, metrics: { latencyMs: 5 } } },
  ];
}

/** Rejects like the SDK does when its abortSignal fires. */
function hangUntilAborted(_command: Command, { abortSignal }: { abortSignal: AbortSignal }): Promise<never> {
  return new Promise((_, reject) => {
    abortSignal.addEventListener('abort', () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })), { once: true });
  });
}

const clients: BedrockClient[] = [];

function setup(handler: Handler, options: { config?: Partial<BedrockConfig>; policy?: BreakerPolicy; recordFails?: boolean } = {}) {
  const send = vi.fn(handler);
  const recorded: LlmUsageEvent[] = [];
  const record = vi.fn((event: LlmUsageEvent, _options?: RecordOptions) => {
    recorded.push(event);
    return options.recordFails === true ? Promise.reject(new Error('table gone')) : Promise.resolve();
  });
  const bedrock = createBedrockClient({
    runtime: { send } as unknown as BedrockRuntime,
    config: { ...readBedrockConfig({}), ...options.config },
    costRecorder: { record },
    ...(options.policy ? { breakerPolicy: options.policy } : {}),
  });
  clients.push(bedrock);
  return { bedrock, send, record, recorded };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

afterEach(() => {
  for (const client of clients.splice(0)) client.breaker.shutdown();
});

describe('converse', () => {
  it('calls the document model with the document token cap, and records usage and cost', async () => {
    const { bedrock, send, recorded } = setup(() => Promise.resolve(converseOutput(['Your ferritin ', 'is normal.'])));
    const result = await bedrock.converse(request, labCtx);

    const [command, options] = send.mock.calls[0] ?? [];
    expect(command).toBeInstanceOf(ConverseCommand);
    expect(command?.input).toMatchObject({ modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', inferenceConfig: { maxTokens: 4_096 }, messages: request.messages });
    expect(options?.abortSignal).toBeInstanceOf(AbortSignal);

    expect(result).toMatchObject({ modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', text: 'Your ferritin is normal.', stopReason: 'end_turn' });
    expect(result.usage).toMatchObject({ inputTokens: 3_000, outputTokens: 1_200 });
    expect(result.costCents).toBeCloseTo(0.99, 10);
    expect(result.output.metrics?.latencyMs).toBe(10);
    expect(recorded).toEqual([
      {
        userId: 'user-1',
        requestId: 'req-1',
        documentType: 'lab_results',
        provider: 'bedrock',
        modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
        usage: result.usage,
        costCents: result.costCents,
        processingTimeMs: result.processingTimeMs,
      },
    ]);
  });

  it('uses the chat model for chat, caps maxTokens at the configured maximum and keeps a lower one', async () => {
    const { bedrock, send } = setup(() => Promise.resolve(converseOutput(['ok'])));
    await bedrock.converse({ ...request, inferenceConfig: { maxTokens: 50_000, temperature: 0.2 } }, chatCtx);
    await bedrock.converse({ ...request, inferenceConfig: { maxTokens: 200 } }, chatCtx);
    expect(send.mock.calls[0]?.[0].input).toMatchObject({ modelId: 'eu.anthropic.claude-sonnet-4-6', inferenceConfig: { maxTokens: 1_024, temperature: 0.2 } });
    expect(send.mock.calls[1]?.[0].input).toMatchObject({ inferenceConfig: { maxTokens: 200 } });
  });

  it('takes a priced model from the request, and refuses an unpriced one without calling Bedrock', async () => {
    const { bedrock, send } = setup(() => Promise.resolve(converseOutput(['ok'], 1_000, 1_000)));
    const result = await bedrock.converse({ ...request, modelId: 'global.anthropic.claude-haiku-4-5-20251001-v1:0' }, labCtx);
    expect(result.costCents).toBeCloseTo(0.6, 10);

    const error = await rejection(bedrock.converse({ ...request, modelId: 'eu.anthropic.claude-unknown' }, labCtx));
    expect(error.code).toBe('LLM_REQUEST_INVALID');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('returns the answer even when the cost recorder rejects', async () => {
    const { bedrock } = setup(() => Promise.resolve(converseOutput(['fine'])), { recordFails: true });
    await expect(bedrock.converse(request, labCtx)).resolves.toMatchObject({ text: 'fine' });
  });

  it('bounds the cost write by the Lambda’s remaining time less half the deadline margin', async () => {
    const { bedrock, record } = setup(() => Promise.resolve(converseOutput(['fine'])), { config: { deadlineMarginMs: 2_000 } });
    await bedrock.converse(request, { ...labCtx, remainingTimeMs: () => 20_000 });
    expect(record.mock.calls[0]?.[1]).toEqual({ timeoutMs: 19_000 });
    // Without the Lambda's clock only the recorder's own write timeout applies.
    await bedrock.converse(request, labCtx);
    expect(record.mock.calls[1]?.[1]).toBeUndefined();
  });

  it('maps SDK exceptions to AppErrors and records no cost', async () => {
    const { bedrock, record } = setup(() => Promise.reject(throttled()));
    const error = await rejection(bedrock.converse(request, labCtx));
    expect(error).toMatchObject({ code: 'LLM_THROTTLED', status: 503, category: 'external', recovery: 'retry' });
    expect(error.cause).toBeInstanceOf(ThrottlingException);
    expect(record).not.toHaveBeenCalled();
  });
});

describe('deadline', () => {
  it('fails fast with UPSTREAM_TIMEOUT when the Lambda has no time left, without calling Bedrock or counting a failure', async () => {
    const { bedrock, send } = setup(() => Promise.resolve(converseOutput(['late'])));
    const ctx = { ...labCtx, remainingTimeMs: () => 2_500 }; // margin 2,000 leaves 500 < 1,000 minimum
    for (let i = 0; i < 4; i += 1) {
      const error = await rejection(bedrock.converse(request, ctx));
      expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', status: 504 });
    }
    await expect(bedrock.converseStream(request, ctx)).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(send).not.toHaveBeenCalled();
    expect(bedrock.breaker.state).toBe('closed');
  });

  it('aborts a call at min(BEDROCK_TIMEOUT_MS, remaining − margin) and counts it as an upstream failure', async () => {
    const { bedrock, send } = setup(hangUntilAborted, { config: { timeoutMs: 10_000, deadlineMarginMs: 1_000, minCallMs: 10 } });
    const ctx = { ...labCtx, remainingTimeMs: () => 1_060 }; // budget 60 ms
    const started = performance.now();
    for (let i = 0; i < 3; i += 1) {
      const error = await rejection(bedrock.converse(request, ctx));
      expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', status: 504 });
      expect(error.cause).toMatchObject({ name: 'CallDeadlineError', started: true, budgetMs: 60 });
    }
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(send).toHaveBeenCalledTimes(3);
    expect(bedrock.breaker.state).toBe('open');
  });
});

describe('circuit breaker', () => {
  it('opens after 3 upstream failures (BreakerPolicies.bedrock), then fails fast with LLM_UNAVAILABLE', async () => {
    const { bedrock, send } = setup(() => Promise.reject(throttled()));
    for (let i = 0; i < 3; i += 1) await rejection(bedrock.converse(request, labCtx));
    expect(bedrock.breaker.state).toBe('open');

    const error = await rejection(bedrock.converse(request, labCtx));
    expect(error).toMatchObject({ code: 'LLM_UNAVAILABLE', status: 503 });
    await expect(bedrock.converseStream(request, chatCtx)).rejects.toMatchObject({ code: 'LLM_UNAVAILABLE' });
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('does not count validation, access or configuration errors', async () => {
    const errors = [
      new ValidationException({ message: 'The provided model identifier is invalid.', ...meta }),
      new AccessDeniedException({ message: 'no access', ...meta }),
    ];
    let i = 0;
    const { bedrock } = setup(() => Promise.reject(errors[i++ % errors.length] ?? new Error('unreachable')));
    for (let n = 0; n < 6; n += 1) await rejection(bedrock.converse(request, labCtx));
    expect(bedrock.breaker.state).toBe('closed');
  });

  it('closes again after 2 successful trials', async () => {
    let failing = true;
    const policy = { failureThreshold: 3, successThreshold: 2, openDurationMs: 50, monitorWindowMs: 120_000 };
    const { bedrock } = setup(() => (failing ? Promise.reject(throttled()) : Promise.resolve(converseOutput(['ok']))), { policy });
    for (let i = 0; i < 3; i += 1) await rejection(bedrock.converse(request, labCtx));
    expect(bedrock.breaker.state).toBe('open');
    failing = false;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(bedrock.breaker.state).toBe('half_open');
    await bedrock.converse(request, labCtx);
    expect(bedrock.breaker.state).toBe('half_open');
    await bedrock.converse(request, labCtx);
    expect(bedrock.breaker.state).toBe('closed');
  });
});

describe('converseStream', () => {
  it('yields the text deltas, then resolves usage and cost, recorded once', async () => {
    const { bedrock, send, recorded } = setup(() => Promise.resolve({ $metadata: {}, stream: events(streamEvents(['Ferritin ', 'stores ', 'iron.'])) }));
    const stream = await bedrock.converseStream(request, chatCtx);
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    const result = await stream.result;

    expect(send.mock.calls[0]?.[0]).toBeInstanceOf(ConverseStreamCommand);
    expect(send.mock.calls[0]?.[0].input).toMatchObject({ modelId: 'eu.anthropic.claude-sonnet-4-6', inferenceConfig: { maxTokens: 1_024 } });
    expect(deltas).toEqual(['Ferritin ', 'stores ', 'iron.']);
    expect(result).toMatchObject({ text: 'Ferritin stores iron.', stopReason: 'end_turn', usage: { inputTokens: 2_000, outputTokens: 400 } });
    expect(result.costCents).toBeCloseTo(1.32, 10);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ documentType: 'chat', costCents: result.costCents, modelId: 'eu.anthropic.claude-sonnet-4-6' });
  });

  it('bounds the cost write by the time left when the stream ended, not when it started', async () => {
    const { bedrock, record } = setup(() => Promise.resolve({ $metadata: {}, stream: events(streamEvents(['a', 'b'])) }), { config: { deadlineMarginMs: 2_000 } });
    let left = 20_000;
    const stream = await bedrock.converseStream(request, { ...chatCtx, remainingTimeMs: () => (left -= 5_000) });
    await stream.result;
    expect(record.mock.calls[0]?.[1]).toEqual({ timeoutMs: 9_000 }); // read at 10,000 ms left, after the call's 15,000
  });

  it('records the cost even when nobody iterates', async () => {
    const { bedrock, recorded } = setup(() => Promise.resolve({ $metadata: {}, stream: events(streamEvents(['a', 'b'])) }));
    const stream = await bedrock.converseStream(request, chatCtx);
    await expect(stream.result).resolves.toMatchObject({ text: 'ab' });
    expect(recorded).toHaveLength(1);
  });

  it('rejects before the first byte when Bedrock refuses the request', async () => {
    const { bedrock } = setup(() => Promise.reject(throttled()));
    await expect(bedrock.converseStream(request, chatCtx)).rejects.toMatchObject({ code: 'LLM_THROTTLED' });
  });

  it('throws a mid-stream exception from the loop and from result, and counts it toward the breaker', async () => {
    const midStream = () =>
      Promise.resolve({
        $metadata: {},
        stream: events(streamEvents(['partial ']).slice(0, 2), { thenThrow: new ModelStreamErrorException({ message: 'stream broke', ...meta }) }),
      });
    const { bedrock, record } = setup(midStream);
    for (let i = 0; i < 3; i += 1) {
      const stream = await bedrock.converseStream(request, chatCtx);
      const seen: string[] = [];
      const error = await rejection(
        (async () => {
          for await (const delta of stream) seen.push(delta);
        })(),
      );
      expect(seen).toEqual(['partial ']);
      expect(error).toMatchObject({ code: 'LLM_MODEL_ERROR', status: 502 });
      await expect(stream.result).rejects.toBe(error);
    }
    expect(bedrock.breaker.state).toBe('open');
    expect(record).not.toHaveBeenCalled();
  });

  it('counts a throttlingException event inside the stream like a throttled request', async () => {
    const { bedrock } = setup(() => Promise.resolve({ $metadata: {}, stream: events([{ messageStart: { role: 'assistant' } }], { thenThrow: throttled() }) }));
    for (let i = 0; i < 3; i += 1) {
      const stream = await bedrock.converseStream(request, chatCtx);
      await expect(stream.result).rejects.toMatchObject({ code: 'LLM_THROTTLED' });
    }
    expect(bedrock.breaker.state).toBe('open');
  });

  it('treats a stream that ends without its metadata event as a model error', async () => {
    const { bedrock } = setup(() => Promise.resolve({ $metadata: {}, stream: events(streamEvents(['cut']).slice(0, 2)) }));
    const stream = await bedrock.converseStream(request, chatCtx);
    await expect(stream.result).rejects.toMatchObject({ code: 'LLM_MODEL_ERROR' });
  });

  it('aborts when the consumer stops early: result rejects with StreamCancelledError, nothing counted or recorded', async () => {
    let aborted: AbortSignal | undefined;
    const { bedrock, record } = setup((_command, { abortSignal }) => {
      aborted = abortSignal;
      return Promise.resolve({ $metadata: {}, stream: events(streamEvents(['one ', 'two ']).slice(0, 3), { thenHang: true }) });
    });
    for (let i = 0; i < 4; i += 1) {
      const stream = await bedrock.converseStream(request, chatCtx);
      for await (const delta of stream) {
        expect(delta).toBe('one ');
        break;
      }
      await expect(stream.result).rejects.toBeInstanceOf(StreamCancelledError);
      expect(aborted?.aborted).toBe(true);
    }
    expect(bedrock.breaker.state).toBe('closed');
    expect(record).not.toHaveBeenCalled();
  });

  it('ends a stalled stream at the deadline with UPSTREAM_TIMEOUT', async () => {
    const { bedrock } = setup(() => Promise.resolve({ $metadata: {}, stream: events(streamEvents(['slow']).slice(0, 2), { thenHang: true }) }), {
      config: { timeoutMs: 50, minCallMs: 10 },
    });
    const stream = await bedrock.converseStream(request, chatCtx);
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const delta of stream) seen.push(delta);
      })(),
    );
    expect(seen).toEqual(['slow']);
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });
});
