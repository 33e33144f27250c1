import { describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOUR, mergeBehaviour, type MockBehaviourPatch } from './behaviour.ts';
import { FaultInjector } from './fault-injection.ts';
import type { BedrockOperation } from './operations.ts';

const behaviour = (patch: MockBehaviourPatch) => mergeBehaviour(DEFAULT_BEHAVIOUR, patch);

function verdicts(seed: number, patch: MockBehaviourPatch, operation: BedrockOperation = 'Converse', count = 50): string[] {
  const injector = new FaultInjector(seed);
  const steered = behaviour(patch);
  return Array.from({ length: count }, () => injector.decide(steered, operation)?.error.type ?? 'ok');
}

describe('FaultInjector', () => {
  it('never fails at rate 0 and always at rate 1', () => {
    expect(new Set(verdicts(1, { errors: { rate: 0 } }))).toEqual(new Set(['ok']));
    expect(new Set(verdicts(1, { errors: { rate: 1, types: ['ModelTimeoutException'] } }))).toEqual(new Set(['ModelTimeoutException']));
  });

  it('repeats the same sequence for the same seed, and reseeding restarts it', () => {
    const patch = { errors: { rate: 0.3, types: ['ThrottlingException', 'ServiceUnavailableException'] } } satisfies MockBehaviourPatch;
    const first = verdicts(42, patch);
    expect(verdicts(42, patch)).toEqual(first);
    expect(verdicts(43, patch)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'ThrottlingException', 'ServiceUnavailableException']));

    const injector = new FaultInjector(42);
    const steered = behaviour(patch);
    const run = () => Array.from({ length: 50 }, () => injector.decide(steered, 'Converse')?.error.type ?? 'ok');
    run();
    injector.reseed(42);
    expect(run()).toEqual(first);
  });

  it('fails only the listed operations', () => {
    const patch = { errors: { rate: 1, operations: ['ConverseStream'] } } satisfies MockBehaviourPatch;
    expect(new Set(verdicts(1, patch, 'Converse'))).toEqual(new Set(['ok']));
    expect(new Set(verdicts(1, patch, 'ConverseStream'))).toEqual(new Set(['ThrottlingException']));
  });

  it('moves a fault mid-stream only for streams whose union models the exception', () => {
    const injector = new FaultInjector(1);
    const timeout = behaviour({ errors: { rate: 1, types: ['ModelTimeoutException'], midStream: true } });
    expect(injector.decide(timeout, 'InvokeModelWithResponseStream')?.midStream).toBe(true);
    // ConverseStream's union has no modelTimeoutException: it fails before the stream instead.
    expect(injector.decide(timeout, 'ConverseStream')?.midStream).toBe(false);
    expect(injector.decide(timeout, 'InvokeModel')?.midStream).toBe(false);
    const throttled = behaviour({ errors: { rate: 1, midStream: true } });
    expect(injector.decide(throttled, 'ConverseStream')).toMatchObject({ midStream: true, error: { type: 'ThrottlingException', injected: true } });
  });
});
