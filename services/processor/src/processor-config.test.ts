import { describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/config/load-config.ts';
import { readProcessorConfig } from './processor-config.ts';

describe('readProcessorConfig', () => {
  it('defaults to the platform: 3 receives, stale after 240 s, 180 s budget, unstarted jobs after 5 min / 1 h', () => {
    expect(readProcessorConfig({})).toEqual({ maxReceives: 3, staleAfterSeconds: 240, budgetMs: 180_000, minStartMs: 15_000, uploadedStaleAfterSeconds: 300, queuedStaleAfterSeconds: 3_600 });
  });

  it('reads the variables', () => {
    expect(
      readProcessorConfig({
        PROCESSING_MAX_RECEIVES: '5',
        PROCESSING_STALE_AFTER_SECONDS: '600',
        PROCESSING_BUDGET_MS: '300000',
        PROCESSING_MIN_START_MS: '0',
        PROCESSING_UPLOADED_STALE_AFTER_SECONDS: '120',
        PROCESSING_QUEUED_STALE_AFTER_SECONDS: '900',
      }),
    ).toEqual({ maxReceives: 5, staleAfterSeconds: 600, budgetMs: 300_000, minStartMs: 0, uploadedStaleAfterSeconds: 120, queuedStaleAfterSeconds: 900 });
  });

  it('refuses a stale threshold within the budget, naming the variable', () => {
    expect(() => readProcessorConfig({ PROCESSING_STALE_AFTER_SECONDS: '120' })).toThrow(/PROCESSING_STALE_AFTER_SECONDS: must be longer than PROCESSING_BUDGET_MS/);
  });

  it('refuses nonsense', () => {
    expect(() => readProcessorConfig({ PROCESSING_MAX_RECEIVES: '0' })).toThrow(ConfigError);
    expect(() => readProcessorConfig({ PROCESSING_MAX_RECEIVES: 'three' })).toThrow(/PROCESSING_MAX_RECEIVES/);
  });
});
