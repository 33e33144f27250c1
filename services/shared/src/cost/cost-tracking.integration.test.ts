import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { ConverseCommand, type ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { awsTestEnvironment } from '../../../../emulation/src/testing/backend.ts';
import { createDynamoDbDocumentClient } from '../aws/clients.ts';
import { createBedrockClient, type BedrockRuntime } from '../bedrock/bedrock-client.ts';
import { readBedrockConfig } from '../config/bedrock-config.ts';
import { captureEmf, type EmfLine } from '../testing/capture-emf.ts';
import type { LlmUsageEvent } from './cost-record.ts';
import { createCostRecorder } from './cost-recorder.ts';
import { COST_TABLE_TTL_ATTRIBUTE, costTableDefinition, MONTHLY_USAGE_INDEX } from './cost-table-definition.ts';
import { monthlyUsage } from './monthly-usage.ts';

// One table per test file, so files running in parallel against the one moto never collide.
const tableName = `cost-it-${randomUUID().slice(0, 8)}`;
let dynamodb: DynamoDBClient;
let documents: DynamoDBDocumentClient;

function usageEvent(overrides: Partial<LlmUsageEvent> = {}): LlmUsageEvent {
  return {
    userId: `user-${randomUUID()}`,
    requestId: `req-${randomUUID()}`,
    documentType: 'lab_results',
    provider: 'bedrock',
    modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
    usage: { inputTokens: 3_000, outputTokens: 1_200, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 },
    costCents: 0.99,
    processingTimeMs: 2_345,
    ...overrides,
  };
}

/** The one metric of an EMF line, with its value and dimension sets. */
function metricOf(line: EmfLine): { namespace: string; name: string; unit: string; dimensions: string[][]; value: unknown } {
  const [directive] = line._aws.CloudWatchMetrics;
  const [metric] = directive?.Metrics ?? [];
  return { namespace: directive?.Namespace ?? '', name: metric?.Name ?? '', unit: metric?.Unit ?? '', dimensions: directive?.Dimensions ?? [], value: line[metric?.Name ?? ''] };
}

beforeAll(async () => {
  for (const [name, value] of Object.entries(awsTestEnvironment())) vi.stubEnv(name, value);
  dynamodb = new DynamoDBClient({});
  documents = createDynamoDbDocumentClient();
  await dynamodb.send(new CreateTableCommand(costTableDefinition(tableName)));
  await dynamodb.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: COST_TABLE_TTL_ATTRIBUTE, Enabled: true } }));
});

afterAll(async () => {
  await dynamodb?.send(new DeleteTableCommand({ TableName: tableName }));
  dynamodb?.destroy();
  documents?.destroy();
  vi.unstubAllEnvs();
});

let emf: ReturnType<typeof captureEmf>;
beforeEach(() => {
  emf = captureEmf();
});
afterEach(() => emf.restore());

describe('the cost table from its definition', () => {
  it('is created in moto as defined: keys, GSI with INCLUDE projection, on-demand, TTL on `ttl`', async () => {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.KeySchema).toEqual(costTableDefinition(tableName).KeySchema);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: MONTHLY_USAGE_INDEX, Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['inputTokens', 'outputTokens', 'totalCost'] } });
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'ttl', TimeToLiveStatus: 'ENABLED' });
  });
});

describe('cost recorder against DynamoDB (moto)', () => {
  it('writes the design’s record and the Serenya/LLM metrics', async () => {
    const nowMs = Date.UTC(2026, 10, 15, 12, 0, 0, 0);
    const recorder = createCostRecorder({ documentClient: documents, tableName, ttlDays: 365, now: () => nowMs, random: () => 0.25 });
    const event = usageEvent();
    await recorder.record(event);

    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { userId: event.userId, timestamp: nowMs + 0.25 } }));
    expect(Item).toEqual({
      userId: event.userId,
      timestamp: nowMs + 0.25,
      month: '2026-11',
      inputTokens: 3_000,
      outputTokens: 1_200,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 0,
      totalCost: 0.99,
      provider: 'bedrock',
      modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
      documentType: 'lab_results',
      processingTimeMs: 2_345,
      requestId: event.requestId,
      ttl: nowMs / 1_000 + 365 * 86_400,
    });

    const metrics = emf.lines.map(metricOf);
    expect(metrics).toEqual([
      { namespace: 'Serenya/LLM', name: 'InputTokens', unit: 'Count', dimensions: [['Provider', 'ModelId', 'DocumentType'], ['Provider']], value: 3_000 },
      { namespace: 'Serenya/LLM', name: 'OutputTokens', unit: 'Count', dimensions: [['Provider', 'ModelId', 'DocumentType'], ['Provider']], value: 1_200 },
      { namespace: 'Serenya/LLM', name: 'TotalCost', unit: 'Count', dimensions: [['Provider', 'ModelId'], ['Provider']], value: 0.99 },
      { namespace: 'Serenya/LLM', name: 'ProcessingTime', unit: 'Milliseconds', dimensions: [['DocumentType']], value: 2_345 },
    ]);
    expect(emf.lines[0]).toMatchObject({ Provider: 'bedrock', ModelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', DocumentType: 'lab_results' });
    expect(emf.lines[3]).toMatchObject({ DocumentType: 'lab_results' });
  });

  it('keeps two calls in the same millisecond apart (conditional write, new draw on collision)', async () => {
    const draws = [0.5, 0.5, 0.75];
    const recorder = createCostRecorder({ documentClient: documents, tableName, ttlDays: 365, now: () => 1_800_000_000_000, random: () => draws.shift() ?? 0 });
    const userId = `user-${randomUUID()}`;
    await recorder.record(usageEvent({ userId }));
    await recorder.record(usageEvent({ userId }));
    const { Items } = await documents.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } }),
    );
    expect(Items?.map((item) => item.timestamp as number)).toEqual([1_800_000_000_000.5, 1_800_000_000_000.75]);
    expect(emf.named('CostWriteFailures')).toEqual([]);
  });

  it('sums a user’s month through the GSI, which carries only the projected attributes', async () => {
    const userId = `user-${randomUUID()}`;
    const at = [Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 30, 23, 59), Date.UTC(2026, 11, 1)];
    const recorder = createCostRecorder({ documentClient: documents, tableName, ttlDays: 365, now: () => at.shift() ?? 0 });
    await recorder.record(usageEvent({ userId }));
    await recorder.record(usageEvent({ userId, documentType: 'chat', modelId: 'eu.anthropic.claude-sonnet-4-6', usage: { inputTokens: 2_000, outputTokens: 400, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 }, costCents: 1.32 }));
    await recorder.record(usageEvent({ userId })); // December
    await recorder.record(usageEvent()); // someone else

    const november = await monthlyUsage(userId, '2026-11', { documentClient: documents, tableName });
    expect(november).toMatchObject({ inputTokens: 5_000, outputTokens: 1_600, calls: 2 });
    expect(november.totalCostCents).toBeCloseTo(2.31, 10);
    expect(await monthlyUsage(userId, '2026-12', { documentClient: documents, tableName })).toMatchObject({ calls: 1, inputTokens: 3_000 });
    expect(await monthlyUsage(userId, '2027-01', { documentClient: documents, tableName })).toEqual({ inputTokens: 0, outputTokens: 0, totalCostCents: 0, calls: 0 });

    const { Items } = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: MONTHLY_USAGE_INDEX,
        KeyConditionExpression: 'userId = :u AND #m = :m',
        ExpressionAttributeNames: { '#m': 'month' },
        ExpressionAttributeValues: { ':u': userId, ':m': '2026-11' },
      }),
    );
    expect(Object.keys(Items?.[0] ?? {}).sort()).toEqual(['inputTokens', 'month', 'outputTokens', 'timestamp', 'totalCost', 'userId']);
  });

  it('never holds the call when DynamoDB hangs: the real SDK is cut at the write timeout, and that is counted', async () => {
    // A DynamoDB endpoint that accepts connections and never answers.
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as AddressInfo;
    const hanging = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: `http://127.0.0.1:${String(port)}`, maxAttempts: 1 }));
    try {
      const recorder = createCostRecorder({ documentClient: hanging, tableName, ttlDays: 365, writeTimeoutMs: 300 });
      const started = performance.now();
      await expect(recorder.record(usageEvent())).resolves.toBeUndefined();
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(sockets.size).toBeGreaterThan(0); // the SDK did reach the endpoint
      expect(emf.named('CostWriteFailures')).toHaveLength(1);
    } finally {
      hanging.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });

  it('never fails the call when the write fails (missing table): logs and counts CostWriteFailures', async () => {
    const recorder = createCostRecorder({ documentClient: documents, tableName: `${tableName}-missing`, ttlDays: 365 });
    await expect(recorder.record(usageEvent())).resolves.toBeUndefined();
    const failures = emf.named('CostWriteFailures').map(metricOf);
    expect(failures).toEqual([{ namespace: 'Serenya/LLM', name: 'CostWriteFailures', unit: 'Count', dimensions: [['Provider']], value: 1 }]);
    // The usage itself still reached the metrics.
    expect(emf.named('TotalCost')).toHaveLength(1);
  });
});

describe('Bedrock client with the real cost recorder', () => {
  const output: ConverseCommandOutput = {
    $metadata: {},
    output: { message: { role: 'assistant', content: [{ text: 'All values are in range.' }] } },
    stopReason: 'end_turn',
    usage: { inputTokens: 3_000, outputTokens: 1_200, totalTokens: 4_200 },
    metrics: { latencyMs: 800 },
  };

  it('records every converse call in the table, and answers even when the table is gone', async () => {
    const send = vi.fn((command: unknown) => {
      expect(command).toBeInstanceOf(ConverseCommand);
      return Promise.resolve(output);
    });
    const runtime = { send } as unknown as BedrockRuntime;
    const config = readBedrockConfig({});
    const userId = `user-${randomUUID()}`;
    const ctx = { userId, documentType: 'lab_results', requestId: 'req-it' } as const;
    const month = new Date().toISOString().slice(0, 7);

    const tracked = createBedrockClient({ runtime, config, costRecorder: createCostRecorder({ documentClient: documents, tableName, ttlDays: 365 }) });
    const result = await tracked.converse({ messages: [{ role: 'user', content: [{ text: 'Interpret this.' }] }] }, ctx);
    expect(result.costCents).toBeCloseTo(0.99, 10);
    const usage = await monthlyUsage(userId, month, { documentClient: documents, tableName });
    expect(usage).toMatchObject({ calls: 1, inputTokens: 3_000, outputTokens: 1_200 });
    expect(usage.totalCostCents).toBeCloseTo(0.99, 10);
    tracked.breaker.shutdown();

    const untracked = createBedrockClient({ runtime, config, costRecorder: createCostRecorder({ documentClient: documents, tableName: `${tableName}-gone`, ttlDays: 365 }) });
    await expect(untracked.converse({ messages: [{ role: 'user', content: [{ text: 'Again.' }] }] }, ctx)).resolves.toMatchObject({ text: 'All values are in range.' });
    expect(emf.named('CostWriteFailures')).toHaveLength(1);
    untracked.breaker.shutdown();
  });
});
