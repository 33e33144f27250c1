/**
 * A stage's `logRetentionDays` as CloudWatch Logs' retention enum, refusing a number CloudWatch
 * does not offer (it would fail at deploy time, not at synth).
 *
 * @example
 * ```ts
 * logRetention(365); // RetentionDays.ONE_YEAR
 * ```
 * @module
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export function logRetention(days: number): RetentionDays {
  const known = Object.values(RetentionDays).filter((value): value is RetentionDays => typeof value === 'number' && Number(value) > 0);
  const match = known.find((value) => Number(value) === days);
  if (match === undefined) throw new Error(`logRetentionDays ${days} is not a CloudWatch Logs retention (${known.join(', ')})`);
  return match;
}
