import type { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { monthlyUsage } from './monthly-usage.ts';

describe('monthlyUsage', () => {
  it('queries the monthly-usage-index GSI and sums every page', async () => {
    const pages = [
      { Items: [{ inputTokens: 3_000, outputTokens: 1_200, totalCost: 0.99 }], LastEvaluatedKey: { userId: 'u', month: '2026-11', timestamp: 1 } },
      { Items: [{ inputTokens: 2_000, outputTokens: 400, totalCost: 1.32 }, { inputTokens: 1, outputTokens: 1, totalCost: 0.0006 }] },
    ];
    const send = vi.fn(() => Promise.resolve(pages.shift()));
    const usage = await monthlyUsage('u', '2026-11', { documentClient: { send }, tableName: 'costs' });

    expect(usage.inputTokens).toBe(5_001);
    expect(usage.outputTokens).toBe(1_601);
    expect(usage.totalCostCents).toBeCloseTo(2.3106, 10);
    expect(usage.calls).toBe(3);
    const inputs = send.mock.calls.map((call) => (call as unknown as [QueryCommand])[0].input);
    expect(inputs[0]).toMatchObject({
      TableName: 'costs',
      IndexName: 'monthly-usage-index',
      KeyConditionExpression: '#userId = :userId AND #month = :month',
      ExpressionAttributeValues: { ':userId': 'u', ':month': '2026-11' },
    });
    expect(inputs[0]?.ExclusiveStartKey).toBeUndefined();
    expect(inputs[1]?.ExclusiveStartKey).toEqual({ userId: 'u', month: '2026-11', timestamp: 1 });
  });

  it('gives zeros for a month without calls', async () => {
    const send = vi.fn(() => Promise.resolve({ Items: [] }));
    await expect(monthlyUsage('u', '2026-01', { documentClient: { send }, tableName: 'costs' })).resolves.toEqual({
      inputTokens: 0,
      outputTokens: 0,
      totalCostCents: 0,
      calls: 0,
    });
  });

  it('refuses a month that is not YYYY-MM before querying', async () => {
    const send = vi.fn();
    for (const month of ['2026-13', '2026-1', '2026-11-01', 'november']) {
      await expect(monthlyUsage('u', month, { documentClient: { send }, tableName: 'costs' })).rejects.toThrow(RangeError);
    }
    expect(send).not.toHaveBeenCalled();
  });
});
