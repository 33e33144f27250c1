import { afterEach, describe, expect, it } from 'vitest';
import { captureEmf } from '../testing/capture-emf.ts';
import { emitRecoveryOutcome } from './recovery-metrics.ts';

describe('emitRecoveryOutcome', () => {
  let emf: ReturnType<typeof captureEmf> | undefined;
  afterEach(() => emf?.restore());

  it('emits RecoverySuccess in Serenya/Errors by {Strategy, Success} and by {Success}, as the alarm and dashboard read it', () => {
    emf = captureEmf();
    emitRecoveryOutcome('retry', true);
    emitRecoveryOutcome('retry', false);
    const lines = emf.named('RecoverySuccess');
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => [line.Strategy, line.Success, line.RecoverySuccess])).toEqual([
      ['retry', 'true', 1],
      ['retry', 'false', 1],
    ]);
    for (const line of lines) {
      const [directive] = line._aws.CloudWatchMetrics;
      expect(directive?.Namespace).toBe('Serenya/Errors');
      expect(directive?.Dimensions.map((set) => [...set].sort())).toEqual(expect.arrayContaining([['Strategy', 'Success'], ['Success']]));
    }
  });
});
