import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('bedrockClient (from the environment)', () => {
  it('fails fast naming COST_TABLE_NAME when the cost table is not configured', async () => {
    vi.stubEnv('COST_TABLE_NAME', '');
    const { bedrockClient } = await import('./default-bedrock-client.ts');
    expect(() => bedrockClient()).toThrow(/COST_TABLE_NAME/);
  });

  it('is built once per process, so the breaker state is shared', async () => {
    vi.stubEnv('COST_TABLE_NAME', 'serenya-llm-cost-tracking');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    const { bedrockClient } = await import('./default-bedrock-client.ts');
    const client = bedrockClient();
    expect(bedrockClient()).toBe(client);
    expect(client.breaker.state).toBe('closed');
    client.breaker.shutdown();
  });
});
