/**
 * CloudWatch's alarm-state rules as pure functions: threshold comparison, "M out of N"
 * datapoints to alarm, and the four ways of treating missing data.
 *
 * Missing data, per the CloudWatch documentation's table:
 * - `breaching` / `notBreaching`: a missing period counts as breaching / not breaching;
 *   ALARM when at least M of the N periods breach, else OK.
 * - `missing`: only present datapoints count. None at all → INSUFFICIENT_DATA. Otherwise
 *   ALARM when at least M breach, or when fewer than M are present and all of them breach
 *   ("- - X" with M = 3 alarms, as AWS shows); else OK.
 * - `ignore`: as `missing`, but with no datapoint at all the state stays as it is.
 * AWS evaluates `missing` over a range somewhat longer than N periods; here it is exactly N.
 * Alarms on `AWS/DynamoDB` metrics always ignore missing data, as on AWS.
 * @module
 */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type TreatMissingData = 'missing' | 'ignore' | 'breaching' | 'notBreaching';
export type ComparisonOperator = 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

export const SUPPORTED_COMPARISONS: ReadonlySet<string> = new Set<ComparisonOperator>([
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
]);

export function isBreaching(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

const OPERATOR_WORDS: Readonly<Record<ComparisonOperator, string>> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** One period's value: undefined when the period has no data. */
export interface PeriodValue {
  /** Start of the period, milliseconds since the epoch. */
  readonly timestamp: number;
  readonly value: number | undefined;
}

export interface EvaluationRule {
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  /** N. */
  readonly evaluationPeriods: number;
  /** M (default N). */
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
}

export interface EvaluationOutcome {
  readonly state: AlarmState;
  /** CloudWatch-style `StateReason`. */
  readonly reason: string;
  /** Machine-readable reason (`StateReasonData`). */
  readonly reasonData: { readonly recentDatapoints: number[]; readonly threshold: number; readonly breaching: number; readonly present: number };
}

/**
 * The state for the newest N periods (`periods[0]` newest). `current` is the state before this
 * evaluation, kept under `ignore` when no data exists.
 */
export function evaluatePeriods(rule: EvaluationRule, periods: readonly PeriodValue[], current: AlarmState): EvaluationOutcome {
  const window = periods.slice(0, rule.evaluationPeriods);
  const present = window.filter((period): period is PeriodValue & { value: number } => period.value !== undefined);
  const breachingPresent = present.filter((period) => isBreaching(period.value, rule.comparisonOperator, rule.threshold)).length;
  const missing = window.length - present.length;
  const m = rule.datapointsToAlarm;
  const reasonData = { recentDatapoints: present.map((period) => period.value), threshold: rule.threshold, breaching: breachingPresent, present: present.length };
  const listed = present.map((period) => `${round(period.value)} (${formatTimestamp(period.timestamp)})`).join(', ');
  const words = OPERATOR_WORDS[rule.comparisonOperator];

  let breaching: number;
  let alarm: boolean;
  switch (rule.treatMissingData) {
    case 'breaching':
    case 'notBreaching':
      breaching = breachingPresent + (rule.treatMissingData === 'breaching' ? missing : 0);
      alarm = breaching >= m;
      break;
    case 'missing':
    case 'ignore':
      if (present.length === 0) {
        const state = rule.treatMissingData === 'ignore' ? current : 'INSUFFICIENT_DATA';
        return { state, reason: `Insufficient Data: ${window.length} datapoint${window.length === 1 ? ' was' : 's were'} unknown.`, reasonData };
      }
      breaching = breachingPresent;
      alarm = breaching >= m || (present.length < m && breaching === present.length);
      break;
  }
  const counted = rule.treatMissingData === 'breaching' || rule.treatMissingData === 'notBreaching' ? window.length : present.length;
  const missingNote = missing > 0 && (rule.treatMissingData === 'breaching' || rule.treatMissingData === 'notBreaching') ? ` (${missing} missing treated as ${rule.treatMissingData})` : '';
  if (alarm) {
    return {
      state: 'ALARM',
      reason: `Threshold Crossed: ${breaching} out of the last ${counted} datapoints [${listed}] ${breaching === 1 ? 'was' : 'were'} ${words} the threshold (${round(rule.threshold)})${missingNote} (minimum ${m} datapoint${m === 1 ? '' : 's'} for OK -> ALARM transition).`,
      reasonData: { ...reasonData, breaching },
    };
  }
  return {
    state: 'OK',
    reason: `Threshold Crossed: ${counted - breaching} out of the last ${counted} datapoints [${listed}] ${counted - breaching === 1 ? 'was' : 'were'} not ${words} the threshold (${round(rule.threshold)})${missingNote} (minimum ${Math.max(1, counted - m + 1)} datapoint${counted - m + 1 === 1 ? '' : 's'} for ALARM -> OK transition).`,
    reasonData: { ...reasonData, breaching },
  };
}

/** N period windows ending at `now`, newest first: [now - P, now), [now - 2P, now - P)… */
export function periodWindows(now: number, periodMs: number, count: number): Array<{ from: number; to: number }> {
  return Array.from({ length: count }, (_, index) => ({ from: now - (index + 1) * periodMs, to: now - index * periodMs }));
}

function round(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(Math.round(value * 1000) / 1000);
}

/** CloudWatch's `dd/MM/yy HH:mm:ss` in UTC. */
function formatTimestamp(timestamp: number): string {
  const date = new Date(timestamp);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${two(date.getUTCFullYear() % 100)} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
}
