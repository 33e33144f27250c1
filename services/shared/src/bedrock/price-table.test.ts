import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_MODEL_ID, DEFAULT_DOCUMENT_MODEL_ID } from '../config/bedrock-config.ts';
import { isPricedModel, PRICE_TABLE, priceFor, pricingId } from './price-table.ts';

describe('price table', () => {
  it('prices both default models (EU profiles of BEDROCK.md §3.1)', () => {
    expect(priceFor(DEFAULT_DOCUMENT_MODEL_ID)).toMatchObject({ input: 1.1, output: 5.5 });
    expect(priceFor(DEFAULT_CHAT_MODEL_ID)).toMatchObject({ input: 3.3, output: 16.5 });
  });

  it('charges global profiles the base price and geographic profiles and in-region ids 10% more, from the 4.5 generation on', () => {
    const fourFive = ['anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-sonnet-4-6', 'anthropic.claude-opus-4-5-20251101-v1:0', 'anthropic.claude-opus-4-6-v1'];
    for (const base of fourFive) {
      const global = priceFor(`global.${base}`);
      const eu = priceFor(`eu.${base}`);
      expect(global, base).toBeDefined();
      expect(eu?.input).toBeCloseTo((global?.input ?? 0) * 1.1, 9);
      expect(eu?.output).toBeCloseTo((global?.output ?? 0) * 1.1, 9);
      expect(priceFor(base)).toEqual(eu);
      expect(priceFor(`us.${base}`)).toEqual(eu);
    }
  });

  it('charges the same everywhere before the 4.5 generation', () => {
    const sonnet4 = 'anthropic.claude-sonnet-4-20250514-v1:0';
    expect(priceFor(`global.${sonnet4}`)).toEqual(priceFor(`eu.${sonnet4}`));
    expect(priceFor('eu.anthropic.claude-3-haiku-20240307-v1:0')).toMatchObject({ input: 0.25, output: 1.25 });
    expect(priceFor('anthropic.claude-3-haiku-20240307-v1:0')).toEqual(priceFor('apac.anthropic.claude-3-haiku-20240307-v1:0'));
  });

  it('derives cache prices from the same id’s input price (5 min 1.25×, 1 h 2×, read 0.1×) and matches the documented column', () => {
    // BEDROCK.md §3.1 "geo cache write 5 min / read": Haiku 4.5 1.375 / 0.11, Sonnet 4.6 4.125 / 0.33, Opus 4.6 6.875 / 0.55.
    expect(priceFor('eu.anthropic.claude-haiku-4-5-20251001-v1:0')).toEqual({ input: 1.1, output: 5.5, cacheWrite5m: 1.375, cacheWrite1h: 2.2, cacheRead: 0.11 });
    expect(priceFor('eu.anthropic.claude-sonnet-4-6')).toMatchObject({ cacheWrite5m: 4.125, cacheRead: 0.33 });
    expect(priceFor('eu.anthropic.claude-opus-4-6-v1')).toMatchObject({ cacheWrite5m: 6.875, cacheRead: 0.55 });
    expect(priceFor('us.anthropic.claude-3-5-haiku-20241022-v1:0')).toMatchObject({ cacheWrite5m: 1, cacheRead: 0.08 });
  });

  it('lists only the profiles a model has', () => {
    expect(isPricedModel('eu.anthropic.claude-3-5-haiku-20241022-v1:0')).toBe(false);
    expect(isPricedModel('global.anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(false);
    expect(isPricedModel('jp.anthropic.claude-opus-4-6-v1')).toBe(true);
    expect(Object.keys(PRICE_TABLE)).toContain('apac.anthropic.claude-sonnet-4-20250514-v1:0');
  });

  it('resolves foundation-model and inference-profile ARNs, but not application inference profiles', () => {
    expect(pricingId('arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0')).toBe('anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(priceFor('arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.anthropic.claude-haiku-4-5-20251001-v1:0')).toEqual(
      priceFor('eu.anthropic.claude-haiku-4-5-20251001-v1:0'),
    );
    expect(priceFor('arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123')).toBeUndefined();
  });

  it('knows nothing it was not told: near misses are unpriced', () => {
    for (const id of ['eu.anthropic.claude-sonnet-4-6:0', 'anthropic.claude-haiku-4-5', 'EU.anthropic.claude-sonnet-4-6', 'toString', '__proto__', '']) {
      expect(isPricedModel(id), id).toBe(false);
    }
  });
});
