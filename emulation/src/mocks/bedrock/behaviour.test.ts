import { describe, expect, it } from 'vitest';
import { behaviourFromEnvironment, DEFAULT_BEHAVIOUR, mergeBehaviour, mockBehaviourPatchSchema } from './behaviour.ts';

describe('mergeBehaviour', () => {
  it('merges one level deep and leaves the input alone', () => {
    const merged = mergeBehaviour(DEFAULT_BEHAVIOUR, { latency: { firstTokenMs: 200 }, errors: { rate: 0.5 } });

    expect(merged).toEqual({ latency: { firstTokenMs: 200, tokensPerSecond: 0 }, errors: { rate: 0.5, types: ['ThrottlingException'] } });
    expect(DEFAULT_BEHAVIOUR.latency.firstTokenMs).toBe(0);
  });

  it('sets and clears the operation filter', () => {
    const filtered = mergeBehaviour(DEFAULT_BEHAVIOUR, { errors: { operations: ['ConverseStream'] } });
    expect(filtered.errors.operations).toEqual(['ConverseStream']);
    expect(mergeBehaviour(filtered, { errors: { rate: 1 } }).errors.operations).toEqual(['ConverseStream']);
    expect(mergeBehaviour(filtered, { errors: { operations: null } }).errors).not.toHaveProperty('operations');
  });

  it('keeps the seed unless a new one is given', () => {
    const seeded = mergeBehaviour(DEFAULT_BEHAVIOUR, { seed: 7 });
    expect(mergeBehaviour(seeded, {}).seed).toBe(7);
    expect(mergeBehaviour(seeded, { seed: 8 }).seed).toBe(8);
  });
});

describe('mockBehaviourPatchSchema', () => {
  it('accepts a full patch', () => {
    const patch = {
      latency: { firstTokenMs: 100, tokensPerSecond: 50 },
      errors: { rate: 0.2, types: ['ThrottlingException', 'ModelTimeoutException'], operations: ['Converse'], midStream: true },
      seed: 42,
    };
    expect(mockBehaviourPatchSchema.parse(patch)).toEqual(patch);
  });

  it.each([
    [{ errors: { rate: 1.5 } }, ['errors', 'rate']],
    [{ errors: { types: ['TeapotException'] } }, ['errors', 'types', 0]],
    [{ errors: { types: [] } }, ['errors', 'types']],
    [{ latency: { firstTokenMS: 100 } }, ['latency']],
    [{ latency: { tokensPerSecond: -1 } }, ['latency', 'tokensPerSecond']],
    [{ seed: 1.5 }, ['seed']],
    [{ surprise: true }, []],
  ])('refuses %j', (patch, path) => {
    const result = mockBehaviourPatchSchema.safeParse(patch);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});

describe('behaviourFromEnvironment', () => {
  it('reads every variable', () => {
    expect(
      behaviourFromEnvironment({
        BEDROCK_MOCK_FIRST_TOKEN_MS: '250',
        BEDROCK_MOCK_TOKENS_PER_SECOND: '80',
        BEDROCK_MOCK_ERROR_RATE: '0.05',
        BEDROCK_MOCK_ERROR_TYPES: 'ThrottlingException, ServiceUnavailableException',
        BEDROCK_MOCK_SEED: '1234',
      }),
    ).toEqual({
      latency: { firstTokenMs: 250, tokensPerSecond: 80 },
      errors: { rate: 0.05, types: ['ThrottlingException', 'ServiceUnavailableException'] },
      seed: 1234,
    });
  });

  it('ignores unset and empty variables', () => {
    expect(behaviourFromEnvironment({ BEDROCK_MOCK_ERROR_RATE: '', PATH: '/bin' })).toEqual({});
  });

  it('names each bad variable in one error', () => {
    expect(() => behaviourFromEnvironment({ BEDROCK_MOCK_ERROR_RATE: 'often', BEDROCK_MOCK_ERROR_TYPES: 'ThrottlingException,Oops' })).toThrow(
      /BEDROCK_MOCK_ERROR_RATE="often".*; BEDROCK_MOCK_ERROR_TYPES="ThrottlingException,Oops"/,
    );
    expect(() => behaviourFromEnvironment({ BEDROCK_MOCK_FIRST_TOKEN_MS: '-5' })).toThrow(/BEDROCK_MOCK_FIRST_TOKEN_MS="-5"/);
  });
});
