// Tests of services/shared/src/aws/bedrock-runtime-client.ts, kept beside the Bedrock code it serves.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the Bedrock Runtime client', () => {
  it('retries adaptively with at most 2 extra attempts (BEDROCK.md §3.4)', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    const { createBedrockRuntimeClient } = await import('../aws/bedrock-runtime-client.ts');
    const client = createBedrockRuntimeClient();
    try {
      expect(client.config.retryMode).toBe('adaptive');
      expect(await client.config.maxAttempts()).toBe(3);
      // The strategy the SDK really runs: adaptive mode's client-side rate limiter after throttles.
      const strategy = await client.config.retryStrategy();
      expect(strategy.constructor.name).toBe('AdaptiveRetryStrategy');
      expect(strategy).toMatchObject({ mode: 'adaptive' });
    } finally {
      client.destroy();
    }
  });
});
