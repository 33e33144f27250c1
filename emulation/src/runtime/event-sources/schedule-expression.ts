/**
 * EventBridge schedule expressions: `rate(5 minutes)` and the six-field
 * `cron(minutes hours day-of-month month day-of-week year)` (UTC, `?` for "any" in one of the
 * day fields, `L`, `W` and `#` not supported). Written by hand: the cron libraries on npm parse
 * five- or six-field Unix cron with seconds, not EventBridge's fields, and a next-minute search
 * is short.
 * @module
 */

export type ScheduleExpression = { readonly kind: 'rate'; readonly intervalMs: number } | { readonly kind: 'cron'; readonly fields: CronFields };

interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number> | undefined;
  readonly months: ReadonlySet<number>;
  /** 1 = Sunday … 7 = Saturday, as EventBridge numbers them. */
  readonly daysOfWeek: ReadonlySet<number> | undefined;
  readonly years: ReadonlySet<number> | undefined;
}

const UNITS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseField(field: string, min: number, max: number, names: readonly string[] = [], nameOffset = 1): Set<number> | undefined {
  if (field === '*' || field === '?') return undefined;
  const values = new Set<number>();
  const toNumber = (text: string) => {
    const named = names.indexOf(text.toUpperCase());
    const value = named >= 0 ? named + nameOffset : Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`cron value ${text} is outside ${String(min)}-${String(max)}`);
    return value;
  };
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron step ${String(stepText)} is not a positive integer`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [start = '', end = ''] = range.split('-');
      [from, to] = [toNumber(start), toNumber(end)];
    } else {
      from = toNumber(range);
      to = stepText === undefined ? from : max;
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/**
 * @example
 * ```ts
 * parseScheduleExpression('rate(15 minutes)'); // { kind: 'rate', intervalMs: 900000 }
 * parseScheduleExpression('cron(0 3 * * ? *)');
 * ```
 */
export function parseScheduleExpression(expression: string): ScheduleExpression {
  const rate = /^rate\((\d+)\s+(\w+)\)$/.exec(expression.trim());
  if (rate !== null) {
    const unit = UNITS[rate[2] ?? ''];
    const value = Number(rate[1]);
    if (unit === undefined || value < 1) throw new Error(`unsupported schedule expression ${expression}`);
    return { kind: 'rate', intervalMs: value * unit };
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  const parts = cron?.[1]?.trim().split(/\s+/) ?? [];
  if (parts.length !== 6) throw new Error(`unsupported schedule expression ${expression}: expected rate(...) or cron(6 fields)`);
  const [minutes = '', hours = '', daysOfMonth = '', months = '', daysOfWeek = '', years = ''] = parts;
  if (/[LW#]/.test(daysOfMonth + daysOfWeek)) throw new Error(`${expression}: L, W and # are not supported locally`);
  return {
    kind: 'cron',
    fields: {
      minutes: parseField(minutes, 0, 59) ?? new Set(Array.from({ length: 60 }, (_, index) => index)),
      hours: parseField(hours, 0, 23) ?? new Set(Array.from({ length: 24 }, (_, index) => index)),
      daysOfMonth: parseField(daysOfMonth, 1, 31),
      months: parseField(months, 1, 12, MONTH_NAMES) ?? new Set(Array.from({ length: 12 }, (_, index) => index + 1)),
      daysOfWeek: parseField(daysOfWeek, 1, 7, DAY_NAMES),
      years: parseField(years, 1970, 2199),
    },
  };
}

/** The first time strictly after `afterEpochMs` the schedule fires (UTC, whole minutes for cron). */
export function nextFireTime(schedule: ScheduleExpression, afterEpochMs: number, startedEpochMs = afterEpochMs): number {
  if (schedule.kind === 'rate') {
    const elapsed = afterEpochMs - startedEpochMs;
    return startedEpochMs + (Math.floor(elapsed / schedule.intervalMs) + 1) * schedule.intervalMs;
  }
  const { fields } = schedule;
  const candidate = new Date(Math.floor(afterEpochMs / 60_000) * 60_000 + 60_000);
  // Five years of minutes bounds the search for a schedule that never fires again.
  for (let step = 0; step < 5 * 366 * 24 * 60; step += 1) {
    const dayOfMonthOk = fields.daysOfMonth?.has(candidate.getUTCDate()) ?? true;
    const dayOfWeekOk = fields.daysOfWeek?.has(candidate.getUTCDay() + 1) ?? true;
    if (
      (fields.years?.has(candidate.getUTCFullYear()) ?? true) &&
      fields.months.has(candidate.getUTCMonth() + 1) &&
      dayOfMonthOk &&
      dayOfWeekOk &&
      fields.hours.has(candidate.getUTCHours()) &&
      fields.minutes.has(candidate.getUTCMinutes())
    ) {
      return candidate.getTime();
    }
    candidate.setTime(candidate.getTime() + 60_000);
  }
  throw new Error('the cron schedule never fires in the next five years');
}
