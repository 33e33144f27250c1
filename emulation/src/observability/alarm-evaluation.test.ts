import { describe, expect, it } from 'vitest';
import { evaluatePeriods, isBreaching, periodWindows, type AlarmState, type EvaluationRule, type TreatMissingData } from './alarm-evaluation.ts';

/** Periods from a CloudWatch-docs-style picture, oldest first: 'X' breaching, '0' not, '-' missing. */
function periods(picture: string): Array<{ timestamp: number; value: number | undefined }> {
  return [...picture.replaceAll(' ', '')]
    .map((mark, index) => ({ timestamp: index * 60_000, value: mark === '-' ? undefined : mark === 'X' ? 10 : 0 }))
    .reverse();
}

function rule(overrides: Partial<EvaluationRule> = {}): EvaluationRule {
  return { threshold: 5, comparisonOperator: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing', ...overrides };
}

describe('isBreaching', () => {
  it('compares as each operator says, at and around the threshold', () => {
    expect([4, 5, 6].map((value) => isBreaching(value, 'GreaterThanOrEqualToThreshold', 5))).toEqual([false, true, true]);
    expect([4, 5, 6].map((value) => isBreaching(value, 'GreaterThanThreshold', 5))).toEqual([false, false, true]);
    expect([4, 5, 6].map((value) => isBreaching(value, 'LessThanThreshold', 5))).toEqual([true, false, false]);
    expect([4, 5, 6].map((value) => isBreaching(value, 'LessThanOrEqualToThreshold', 5))).toEqual([true, true, false]);
  });
});

describe('evaluatePeriods', () => {
  it('alarms when M of the last N periods breach, and not with fewer', () => {
    const twoOfThree = rule({ datapointsToAlarm: 2 });
    expect(evaluatePeriods(twoOfThree, periods('X 0 X'), 'OK').state).toBe('ALARM');
    expect(evaluatePeriods(twoOfThree, periods('X 0 0'), 'OK').state).toBe('OK');
    // Only the newest N count: the old breaches fall out of the window.
    expect(evaluatePeriods(twoOfThree, periods('X X 0 0 X'), 'ALARM').state).toBe('OK');
  });

  // CloudWatch's documented table (3 periods, 3 to alarm), columns MISSING, IGNORE, BREACHING, NOT BREACHING.
  const table: Array<[string, AlarmState, AlarmState | 'keep', AlarmState, AlarmState]> = [
    ['0 X X', 'OK', 'OK', 'OK', 'OK'],
    ['0 - -', 'OK', 'OK', 'OK', 'OK'],
    ['- - -', 'INSUFFICIENT_DATA', 'keep', 'ALARM', 'OK'],
    ['X X X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['- - X', 'ALARM', 'ALARM', 'ALARM', 'OK'],
    ['X - X', 'ALARM', 'ALARM', 'ALARM', 'OK'],
  ];
  it.each(table)('%s → missing %s, ignore %s, breaching %s, notBreaching %s', (picture, missing, ignore, breaching, notBreaching) => {
    const outcome = (treatMissingData: TreatMissingData, current: AlarmState = 'OK') => evaluatePeriods(rule({ treatMissingData }), periods(picture), current).state;
    expect(outcome('missing')).toBe(missing);
    expect(outcome('ignore', 'ALARM')).toBe(ignore === 'keep' ? 'ALARM' : ignore);
    expect(outcome('breaching')).toBe(breaching);
    expect(outcome('notBreaching')).toBe(notBreaching);
  });

  it('writes CloudWatch-style reasons with the datapoints and the threshold', () => {
    const outcome = evaluatePeriods(rule({ datapointsToAlarm: 2 }), [{ timestamp: Date.UTC(2026, 10, 25, 16, 30), value: 7 }, { timestamp: 0, value: 6 }, { timestamp: 0, value: 1 }], 'OK');
    expect(outcome.reason).toMatch(/^Threshold Crossed: 2 out of the last 3 datapoints \[7\.0 \(25\/11\/26 16:30:00\), 6\.0 .*\] were greater than or equal to the threshold \(5\.0\) \(minimum 2 datapoints for OK -> ALARM transition\)\.$/);
    expect(evaluatePeriods(rule(), periods('- - -'), 'OK').reason).toBe('Insufficient Data: 3 datapoints were unknown.');
  });
});

describe('periodWindows', () => {
  it('gives N windows ending now, newest first', () => {
    expect(periodWindows(1000, 100, 3)).toEqual([
      { from: 900, to: 1000 },
      { from: 800, to: 900 },
      { from: 700, to: 800 },
    ]);
  });
});
