import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBedrockMock, type BedrockMock } from '../mocks/bedrock/index.ts';
import { applyFaultProfile, FAULT_PROFILES, isFaultProfileName } from './fault-profiles.ts';

let mock: BedrockMock;
beforeAll(async () => {
  mock = await startBedrockMock();
});
afterAll(() => mock.stop());

describe('applyFaultProfile', () => {
  it('sets each profile through the control endpoint, and none undoes the others', async () => {
    await applyFaultProfile(mock.endpoint, 'outage');
    expect(mock.behaviour().errors).toMatchObject({ rate: 1, types: ['ServiceUnavailableException'] });
    await applyFaultProfile(mock.endpoint, 'flaky');
    expect(mock.behaviour()).toMatchObject({ latency: { firstTokenMs: 800, tokensPerSecond: 60 }, errors: { rate: 0.2, types: ['ThrottlingException'] } });
    await applyFaultProfile(mock.endpoint, 'none');
    expect(mock.behaviour()).toMatchObject({ latency: { firstTokenMs: 0, tokensPerSecond: 0 }, errors: { rate: 0 } });
  });

  it('knows its profile names', () => {
    expect(Object.keys(FAULT_PROFILES)).toEqual(['none', 'slow', 'flaky', 'outage']);
    expect(isFaultProfileName('slow')).toBe(true);
    expect(isFaultProfileName('toString')).toBe(false);
  });
});
