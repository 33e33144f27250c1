import { ConditionalCheckFailedException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../observability/logger.ts';
import { captureEmf } from '../testing/capture-emf.ts';
import type { LlmUsageEvent } from './cost-record.ts';
import { createCostRecorder } from './cost-recorder.ts';

const event: LlmUsageEvent = {
  userId: 'user-1',
  requestId: 'req-1',
  documentType: 'chat',
  provider: 'bedrock',
  modelId: 'eu.anthropic.claude-sonnet-4-6',
  usage: { inputTokens: 2_000, outputTokens: 400, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 },
  costCents: 1.32,
  processingTimeMs: 1_500,
};

const collision = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

let emf: ReturnType<typeof captureEmf>;
beforeEach(() => {
  emf = captureEmf();
});
afterEach(() => {
  emf.restore();
  vi.restoreAllMocks();
});

describe('createCostRecorder', () => {
  it('writes one conditional put to the table and emits the usage metrics', async () => {
    const send = vi.fn(() => Promise.resolve({}));
    const recorder = createCostRecorder({ documentClient: { send } as never, tableName: 'costs', ttlDays: 365, now: () => 1_000, random: () => 0.5 });
    await recorder.record(event);

    expect(send).toHaveBeenCalledOnce();
    const [command] = send.mock.calls[0] as unknown as [PutCommand];
    expect(command).toBeInstanceOf(PutCommand);
    expect(command.input).toMatchObject({
      TableName: 'costs',
      Item: { userId: 'user-1', timestamp: 1_000.5, month: '1970-01', totalCost: 1.32, documentType: 'chat' },
      ConditionExpression: 'attribute_not_exists(#timestamp)',
      ExpressionAttributeNames: { '#timestamp': 'timestamp' },
    });
    expect(emf.lines.map((line) => line._aws.CloudWatchMetrics[0]?.Metrics[0]?.Name)).toEqual(['InputTokens', 'OutputTokens', 'TotalCost', 'ProcessingTime']);
    expect(emf.named('CostWriteFailures')).toEqual([]);
  });

  it('draws a new timestamp when the sort key is taken', async () => {
    const send = vi.fn().mockRejectedValueOnce(collision()).mockResolvedValueOnce({});
    const draws = [0.1, 0.2];
    const recorder = createCostRecorder({ documentClient: { send } as never, tableName: 'costs', ttlDays: 365, now: () => 5_000, random: () => draws.shift() ?? 0 });
    await recorder.record(event);
    const stamps = send.mock.calls.map((call) => (call[0] as PutCommand).input.Item?.timestamp as number);
    expect(stamps).toEqual([5_000.1, 5_000.2]);
    expect(emf.named('CostWriteFailures')).toEqual([]);
  });

  it('never rejects: a failed write is logged without PHI and counted as CostWriteFailures', async () => {
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const send = vi.fn(() => Promise.reject(new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: {} })));
    const recorder = createCostRecorder({ documentClient: { send } as never, tableName: 'missing', ttlDays: 365 });
    await expect(recorder.record(event)).resolves.toBeUndefined();

    expect(send).toHaveBeenCalledOnce(); // not a collision: no second try
    expect(error).toHaveBeenCalledWith('LLM cost record not written', expect.objectContaining({ requestId: 'req-1', errorName: 'ResourceNotFoundException' }));
    const [failure] = emf.named('CostWriteFailures');
    expect(failure).toMatchObject({ Provider: 'bedrock', CostWriteFailures: 1 });
    expect(failure?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Serenya/LLM', Dimensions: [['Provider']] });
  });

  it('gives up after maxAttempts collisions and counts that as a failure', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const send = vi.fn(() => Promise.reject(collision()));
    const recorder = createCostRecorder({ documentClient: { send } as never, tableName: 'costs', ttlDays: 365, maxAttempts: 3 });
    await recorder.record(event);
    expect(send).toHaveBeenCalledTimes(3);
    expect(emf.named('CostWriteFailures')).toHaveLength(1);
  });

  it('aborts a write that hangs at writeTimeoutMs: resolves, logs a TimeoutError and counts it', async () => {
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    let signal: AbortSignal | undefined;
    // A DynamoDB that neither answers nor fails: only the abort ends the send.
    const send = vi.fn((_command: unknown, options?: { abortSignal?: AbortSignal }) => {
      signal = options?.abortSignal;
      return new Promise(() => undefined);
    });
    const recorder = createCostRecorder({ documentClient: { send } as never, tableName: 'costs', ttlDays: 365, writeTimeoutMs: 50 });
    const started = performance.now();
    await expect(recorder.record(event)).resolves.toBeUndefined();

    expect(performance.now() - started).toBeLessThan(1_000);
    expect(signal?.aborted).toBe(true); // the SDK is told to give up, not left running
    expect(error).toHaveBeenCalledWith('LLM cost record not written', expect.objectContaining({ requestId: 'req-1', errorName: 'TimeoutError', timeoutMs: 50 }));
    expect(emf.named('CostWriteFailures')).toHaveLength(1);
    expect(emf.named('TotalCost')).toHaveLength(1);
  });

  it('lets a call lower the write timeout (never raise it), and skips the write when no time is left', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const send = vi.fn(() => new Promise(() => undefined));
    const recorder = createCostRecorder({ documentClient: { send } as never, tableName: 'costs', ttlDays: 365, writeTimeoutMs: 60_000 });

    let started = performance.now();
    await recorder.record(event, { timeoutMs: 40 });
    expect(performance.now() - started).toBeLessThan(1_000);

    started = performance.now();
    await recorder.record(event, { timeoutMs: -5 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(emf.named('CostWriteFailures')).toHaveLength(2);

    const quick = createCostRecorder({ documentClient: { send } as never, tableName: 'costs', ttlDays: 365, writeTimeoutMs: 40 });
    started = performance.now();
    await quick.record(event, { timeoutMs: 60_000 });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
