/**
 * How sure the reading of a report is, from what the parser found. The more values with a
 * printed range, the more the text looked like a lab report and the less the flags rest
 * on the built-in table.
 * @module
 */
import type { RangeBasis } from './flag-value.ts';

/**
 * 0.9 with three or more values that have a printed range; 0.7 with three or more values
 * but fewer printed ranges; 0.6 for one or two values that all have printed ranges; 0.5
 * otherwise (one or two values, some without a printed range). No values at all is not
 * rated here: the interpreter answers with the unreadable-document interpretation.
 *
 * @example
 * ```ts
 * rateConfidence([{ basis: 'report' }, { basis: 'report' }, { basis: 'report' }]); // 0.9
 * rateConfidence([{ basis: 'default' }]);                                           // 0.5
 * ```
 */
export function rateConfidence(values: ReadonlyArray<{ basis: RangeBasis }>): number {
  const printed = values.filter((value) => value.basis === 'report').length;
  if (printed >= 3) return 0.9;
  if (values.length >= 3) return 0.7;
  if (values.length > 0 && printed === values.length) return 0.6;
  return 0.5;
}
