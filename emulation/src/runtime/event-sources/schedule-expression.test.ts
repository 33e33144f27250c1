import { describe, expect, it } from 'vitest';
import { nextFireTime, parseScheduleExpression } from './schedule-expression.ts';

const at = (iso: string) => Date.parse(iso);

describe('schedule expressions', () => {
  it('fires rate schedules every interval from the start', () => {
    const schedule = parseScheduleExpression('rate(15 minutes)');
    expect(schedule).toEqual({ kind: 'rate', intervalMs: 900_000 });
    expect(nextFireTime(schedule, at('2026-01-01T00:20:00Z'), at('2026-01-01T00:00:00Z'))).toBe(at('2026-01-01T00:30:00Z'));
    expect(parseScheduleExpression('rate(1 day)')).toEqual({ kind: 'rate', intervalMs: 86_400_000 });
  });

  it('finds the next cron minute in UTC, with ranges, steps, lists and day names', () => {
    expect(nextFireTime(parseScheduleExpression('cron(0 3 * * ? *)'), at('2026-01-01T03:00:00Z'))).toBe(at('2026-01-02T03:00:00Z'));
    expect(nextFireTime(parseScheduleExpression('cron(0/15 * * * ? *)'), at('2026-01-01T10:07:30Z'))).toBe(at('2026-01-01T10:15:00Z'));
    // 2026-01-01 is a Thursday: the next MON-FRI 09:30 after Friday evening is Monday.
    expect(nextFireTime(parseScheduleExpression('cron(30 9 ? * MON-FRI *)'), at('2026-01-02T18:00:00Z'))).toBe(at('2026-01-05T09:30:00Z'));
    expect(nextFireTime(parseScheduleExpression('cron(0 0 1 JAN,JUL ? 2027)'), at('2026-03-01T00:00:00Z'))).toBe(at('2027-01-01T00:00:00Z'));
  });

  it('refuses what it does not understand', () => {
    expect(() => parseScheduleExpression('rate(5 fortnights)')).toThrow(/unsupported/);
    expect(() => parseScheduleExpression('cron(0 3 * * *)')).toThrow(/6 fields/);
    expect(() => parseScheduleExpression('cron(0 3 L * ? *)')).toThrow(/not supported/);
    expect(() => parseScheduleExpression('cron(61 3 * * ? *)')).toThrow(/outside/);
  });
});
