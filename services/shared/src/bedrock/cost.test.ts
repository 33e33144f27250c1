import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_MODEL_ID, DEFAULT_DOCUMENT_MODEL_ID, readBedrockConfig } from '../config/bedrock-config.ts';
import { costInCents, usageFromBedrock, type TokenCounts } from './cost.ts';
import { priceFor, type ModelPrice } from './price-table.ts';

const tokens = (inputTokens: number, outputTokens: number, extra: Partial<TokenCounts> = {}): TokenCounts => ({
  inputTokens,
  outputTokens,
  cacheReadInputTokens: 0,
  cacheWriteInputTokens: 0,
  cacheWrite1hInputTokens: 0,
  ...extra,
});

function price(modelId: string): ModelPrice {
  const found = priceFor(modelId);
  if (!found) throw new Error(`no price for ${modelId}`);
  return found;
}

describe('cost in cents', () => {
  it('keeps a typical lab report under one US cent with the default document model', () => {
    // A one-page lab report: ~3,000 input tokens (system prompt, tool schema, the PDF page's text
    // layer, which Converse extracts at ~1,000 tokens per 3 pages) and ~1,200 output tokens of
    // interpretation. Haiku 4.5 via eu.: 3,000 × $1.10 + 1,200 × $5.50 per 1M = $0.0099.
    const { documentModelId } = readBedrockConfig({});
    expect(documentModelId).toBe(DEFAULT_DOCUMENT_MODEL_ID);
    const cents = costInCents(tokens(3_000, 1_200), price(documentModelId));
    expect(cents).toBeCloseTo(0.99, 10);
    expect(cents).toBeLessThan(1);
  });

  it('reproduces the BEDROCK.md §3.2 figures (3,000 in + 1,000 out)', () => {
    expect(costInCents(tokens(3_000, 1_000), price('eu.anthropic.claude-haiku-4-5-20251001-v1:0'))).toBeCloseTo(0.88, 10);
    // Sonnet 4.6 would not fit the one-cent budget: that is why it serves chat only.
    expect(costInCents(tokens(3_000, 1_000), price(DEFAULT_CHAT_MODEL_ID))).toBeCloseTo(2.64, 10);
  });

  it('prices a typical chat turn with the default chat model', () => {
    // 2,000 in (history + context) + 400 out: 2,000 × 3.30 + 400 × 16.50 = 13,200 µ$ = 1.32 ¢.
    expect(costInCents(tokens(2_000, 400), price(DEFAULT_CHAT_MODEL_ID))).toBeCloseTo(1.32, 10);
  });

  it('keeps fractions of a cent (no rounding per call)', () => {
    expect(costInCents(tokens(1, 1), price('global.anthropic.claude-haiku-4-5-20251001-v1:0'))).toBeCloseTo(0.0006, 12);
  });

  it('adds cache reads and writes at their own prices, 1-hour writes at 2× input', () => {
    const p = price('eu.anthropic.claude-haiku-4-5-20251001-v1:0');
    // 1,000 × 1.1 + 100 × 5.5 + 4,000 reads × 0.11 + 3,000 5-min writes × 1.375 + 1,000 1-h writes × 2.2 = 8,415 µ$.
    const usage = tokens(1_000, 100, { cacheReadInputTokens: 4_000, cacheWriteInputTokens: 4_000, cacheWrite1hInputTokens: 1_000 });
    expect(costInCents(usage, p)).toBeCloseTo(0.8415, 10);
  });
});

describe('usageFromBedrock', () => {
  it('reads Converse usage, absent counts as zero', () => {
    expect(usageFromBedrock({ inputTokens: 3_000, outputTokens: 1_200, totalTokens: 4_200 })).toEqual(tokens(3_000, 1_200));
    expect(usageFromBedrock(undefined)).toEqual(tokens(0, 0));
  });

  it('splits cache writes by TTL from cacheDetails', () => {
    const usage = usageFromBedrock({
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 15,
      cacheReadInputTokens: 7,
      cacheWriteInputTokens: 300,
      cacheDetails: [
        { ttl: '5m', inputTokens: 100 },
        { ttl: '1h', inputTokens: 200 },
      ],
    });
    expect(usage).toEqual(tokens(10, 5, { cacheReadInputTokens: 7, cacheWriteInputTokens: 300, cacheWrite1hInputTokens: 200 }));
  });

  it('never trusts negative or non-numeric counts', () => {
    expect(usageFromBedrock({ inputTokens: -5, outputTokens: Number.NaN, totalTokens: 0 })).toEqual(tokens(0, 0));
  });
});
