import { describe, expect, it } from 'vitest';
import { buildCostRecord, monthOf, type LlmUsageEvent } from './cost-record.ts';

const event: LlmUsageEvent = {
  userId: 'user-1',
  requestId: 'req-1',
  documentType: 'lab_results',
  provider: 'bedrock',
  modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
  usage: { inputTokens: 3_000, outputTokens: 1_200, cacheReadInputTokens: 5, cacheWriteInputTokens: 7, cacheWrite1hInputTokens: 0 },
  costCents: 0.99,
  processingTimeMs: 4_321,
};

describe('buildCostRecord', () => {
  const nowMs = Date.UTC(2026, 10, 30, 23, 59, 59, 999); // the last millisecond of November (UTC)

  it('builds the design’s item: keys, month, tokens, cost in cents, TTL one year out', () => {
    expect(buildCostRecord(event, { nowMs, random: () => 0.1234, ttlDays: 365 })).toEqual({
      userId: 'user-1',
      timestamp: nowMs + 0.123,
      month: '2026-11',
      inputTokens: 3_000,
      outputTokens: 1_200,
      cacheReadInputTokens: 5,
      cacheWriteInputTokens: 7,
      totalCost: 0.99,
      provider: 'bedrock',
      modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
      documentType: 'lab_results',
      processingTimeMs: 4_321,
      requestId: 'req-1',
      ttl: Math.floor(nowMs / 1_000) + 365 * 86_400,
    });
  });

  it('gives 1,000 distinct timestamps within one millisecond, all in that millisecond', () => {
    const stamps = new Set<number>();
    for (let k = 0; k < 1_000; k += 1) {
      const { timestamp } = buildCostRecord(event, { nowMs, random: () => k / 1_000, ttlDays: 365 });
      expect(Math.floor(timestamp)).toBe(nowMs);
      expect(String(timestamp)).toMatch(/^\d+(\.\d{1,3})?$/);
      stamps.add(timestamp);
    }
    expect(stamps.size).toBe(1_000);
    // A random() of 0.99999… must not spill into the next millisecond.
    expect(Math.floor(buildCostRecord(event, { nowMs, random: () => 0.9999999, ttlDays: 1 }).timestamp)).toBe(nowMs);
  });

  it('takes the month in UTC', () => {
    expect(monthOf(Date.UTC(2026, 0, 1))).toBe('2026-01');
    expect(monthOf(Date.UTC(2026, 0, 1) - 1)).toBe('2025-12');
  });
});
