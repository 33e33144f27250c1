/**
 * One parsed line into one contract value: identify the analyte, flag it, explain it.
 * @module
 */
import type { LabValue } from '#shared/interpretation/lab-interpretation.ts';
import { identifyAnalyte, type AnalyteKey } from './analyte-glossary.ts';
import { explainValue } from './explain-value.ts';
import { flagValue, type FlagResult } from './flag-value.ts';
import type { ParsedLabLine } from './parse-lab-line.ts';
import { toReportedRange } from './reference-range.ts';

export interface InterpretedValue {
  labValue: LabValue;
  analyte: AnalyteKey | null;
  /** The flag with its reasons (direction, which range), for summaries and answers. */
  result: FlagResult;
}

/**
 * Interprets one parsed line. The value's `referenceRange` is the printed range only: a
 * built-in range used for flagging shows in the explanation, not as if the lab printed it.
 *
 * @example
 * ```ts
 * interpretLabValue(parseLabLine('Hemoglobin 11.2 g/dL 12.0-15.5')!).labValue;
 * // { name: 'Hemoglobin', value: 11.2, unit: 'g/dL', referenceRange: { low: 12, high: 15.5, text: '12.0-15.5' },
 * //   flag: 'low', explanation: 'Hemoglobin is the protein … a little below the range the lab uses …' }
 * ```
 */
export function interpretLabValue(line: ParsedLabLine): InterpretedValue {
  const analyte = identifyAnalyte(line.name);
  const result = flagValue({ analyte, value: line.value, valuePrefix: line.valuePrefix, unit: line.unit, range: line.range });
  return {
    analyte,
    result,
    labValue: {
      name: line.name.slice(0, 200),
      value: line.value,
      unit: line.unit,
      referenceRange: line.range === null ? null : toReportedRange(line.range),
      flag: result.flag,
      explanation: explainValue({ analyte, value: line.value, valuePrefix: line.valuePrefix, unit: line.unit, result }).slice(0, 1_000),
    },
  };
}
