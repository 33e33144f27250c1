/**
 * The interpretation's summary: how many values were read, which are outside the range
 * (with their direction), which are critical, and which were read against a built-in range
 * or none. Counts and names only: no judgement beyond the flags.
 * @module
 */
import type { LabFlag } from '#shared/interpretation/lab-interpretation.ts';
import type { FlagDirection, RangeBasis } from './flag-value.ts';

export interface SummarisedValue {
  name: string;
  flag: LabFlag;
  direction: FlagDirection;
  basis: RangeBasis;
}

// Keeps the summary short even for 200 values; MAX_SUMMARY_LENGTH is the contract's limit,
// a last guard for pathological names.
const MAX_LISTED = 20;
export const MAX_SUMMARY_LENGTH = 4_000;

function list(names: string[]): string {
  // "Glucose, fasting" is one name: with commas inside names, separate with semicolons.
  const separator = names.some((name) => name.includes(',')) ? '; ' : ', ';
  const shown = names.slice(0, MAX_LISTED).join(separator);
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * The summary sentence(s).
 *
 * @example
 * ```ts
 * summariseValues([
 *   { name: 'LDL Cholesterol', flag: 'high', direction: 'above', basis: 'report' },
 *   { name: 'Potassium', flag: 'critical', direction: 'above', basis: 'report' },
 *   { name: 'Sodium', flag: 'normal', direction: 'within', basis: 'report' },
 * ]);
 * // "2 of 3 values are outside the lab's reference range: LDL Cholesterol (high), Potassium (high). 1 is critical: Potassium."
 * ```
 */
export function summariseValues(values: readonly SummarisedValue[]): string {
  const total = values.length;
  const outside = values.filter((value) => value.flag !== 'normal');
  const critical = values.filter((value) => value.flag === 'critical');
  const sentences: string[] = [];
  if (outside.length === 0) {
    sentences.push(total === 1 ? "The 1 value read is within the lab's reference range." : `All ${total} values are within the lab's reference ranges.`);
  } else {
    const listed = outside.map((value) => `${value.name} (${value.direction === 'below' ? 'low' : 'high'})`);
    // "The lab's" only when the lab printed every range in question.
    const whose = outside.every((value) => value.basis === 'report') ? "the lab's" : 'the';
    sentences.push(`${outside.length} of ${count(total, 'value')} ${outside.length === 1 ? 'is' : 'are'} outside ${whose} reference range: ${list(listed)}.`);
  }
  if (critical.length > 0) {
    sentences.push(`${critical.length} ${critical.length === 1 ? 'is' : 'are'} critical: ${list(critical.map((value) => value.name))}.`);
  }
  const defaulted = values.filter((value) => value.basis === 'default');
  if (defaulted.length > 0) {
    sentences.push(`For ${count(defaulted.length, 'value')} the report printed no range, so a typical adult range was used: ${list(defaulted.map((value) => value.name))}.`);
  }
  const unranged = values.filter((value) => value.basis === 'none');
  if (unranged.length > 0) {
    sentences.push(`${count(unranged.length, 'value')} had no reference range to compare with: ${list(unranged.map((value) => value.name))}.`);
  }
  const summary = sentences.join(' ');
  return summary.length <= MAX_SUMMARY_LENGTH ? summary : `${summary.slice(0, MAX_SUMMARY_LENGTH - 1)}…`;
}
