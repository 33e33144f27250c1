/**
 * The plain-language explanation of one value: what the analyte measures (from the
 * glossary) and where the result lies against the range, in words that describe and never
 * diagnose ("a little below the range the lab uses", never "you have anaemia").
 * @module
 */
import { analyteAbout, type AnalyteKey } from './analyte-glossary.ts';
import type { FlagResult } from './flag-value.ts';

/** Said of every value outside the range that is not critical. */
const OUTSIDE_RANGE_NOTE = 'A result outside the range does not on its own mean something is wrong; your clinician can tell you what it means for you.';
/** Said of every critical value. */
export const CRITICAL_NOTE = 'please contact your clinician promptly';

/**
 * A value with its unit, as printed: `11.2 g/dL`, `6.1%`, `1.2` (no unit).
 *
 * @example
 * ```ts
 * formatMeasurement(11.2, 'g/dL'); // '11.2 g/dL'
 * formatMeasurement(6.1, '%');     // '6.1%'
 * ```
 */
export function formatMeasurement(value: number | string, unit: string): string {
  if (unit === '') return String(value);
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

/**
 * Where the value lies, in words: "a little below", "above", "well above", "within".
 *
 * @example
 * ```ts
 * describePosition({ flag: 'low', direction: 'below', mild: true }); // 'a little below'
 * ```
 */
export function describePosition(result: Pick<FlagResult, 'flag' | 'direction' | 'mild'>): string {
  if (result.direction === 'within') return 'within';
  const side = result.direction === 'below' ? 'below' : 'above';
  if (result.flag === 'critical') return `well ${side}`;
  return result.mild ? `a little ${side}` : side;
}

/**
 * One value's explanation for the interpretation (at most a few short sentences).
 *
 * @example
 * ```ts
 * explainValue({ analyte: 'hemoglobin', value: 11.2, unit: 'g/dL',
 *   result: flagValue({ analyte: 'hemoglobin', value: 11.2, unit: 'g/dL', range: findReferenceRange('12.0-15.5') }) });
 * // 'Hemoglobin is the protein in red blood cells that carries oxygen around the body. Your result of
 * //  11.2 g/dL is a little below the range the lab uses (12.0-15.5 g/dL). A result outside the range …'
 * ```
 */
export function explainValue(input: { analyte: AnalyteKey | null; value: number; valuePrefix?: string; unit: string; result: FlagResult }): string {
  const { analyte, value, unit, result, valuePrefix = '' } = input;
  const measured = formatMeasurement(`${valuePrefix}${value}`, unit);
  const position = describePosition(result);
  const critical = result.flag === 'critical' ? ` — ${CRITICAL_NOTE}` : '';
  let reading: string;
  if (result.basis === 'report' && result.range !== null) {
    reading = `Your result of ${measured} is ${position} the range the lab uses (${formatMeasurement(result.range.text, unit)})${critical}.`;
  } else if (result.basis === 'default' && result.range !== null) {
    reading =
      `The report prints no reference range for it, so it is compared with a typical adult range (${formatMeasurement(result.range.text, unit)}; ` +
      `your lab's own range may differ): your result of ${measured} is ${position} that range${critical}.`;
  } else if (result.flag === 'critical') {
    reading = `Your result of ${measured} is ${position} the usual range${critical}.`;
  } else {
    reading = `Your result is ${measured}. The report prints no reference range for it, so it is not compared with one here.`;
  }
  const note = result.flag === 'low' || result.flag === 'high' ? ` ${OUTSIDE_RANGE_NOTE}` : '';
  return `${analyteAbout(analyte)} ${reading}${note}`;
}
