import { afterEach, describe, expect, it, vi } from 'vitest';

const KEY_IN_IRELAND = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** A fresh module graph, so the memoised configs read the stubbed environment. */
async function freshModules() {
  vi.resetModules();
  const { phiCipher } = await import('./default-phi-cipher.ts');
  const { ConfigError } = await import('../config/load-config.ts');
  return { phiCipher, ConfigError };
}

afterEach(() => vi.unstubAllEnvs());

describe('phiCipher', () => {
  it('is built once per process from the environment', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('PHI_KMS_KEY_ARN', KEY_IN_IRELAND);
    const { phiCipher } = await freshModules();
    expect(phiCipher()).toBe(phiCipher());
  });

  it('refuses a key outside AWS_REGION', async () => {
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    vi.stubEnv('PHI_KMS_KEY_ARN', KEY_IN_IRELAND);
    const { phiCipher, ConfigError } = await freshModules();
    expect(() => phiCipher()).toThrow(ConfigError);
    expect(() => phiCipher()).toThrow(/PHI_KMS_KEY_ARN/);
  });

  it('refuses a missing key ARN', async () => {
    vi.stubEnv('PHI_KMS_KEY_ARN', '');
    const { phiCipher, ConfigError } = await freshModules();
    expect(() => phiCipher()).toThrow(ConfigError);
  });
});
