/**
 * A small table of common adult reference ranges, used only when a report prints no range
 * for a value (the explanation then says so). Labs differ, by method, age and sex; these
 * are typical published adult ranges, chosen wide enough to suit both sexes (hemoglobin
 * 12.0-17.5 g/dL, for example), so the mock flags only values that most labs would flag.
 * Each range applies only to the units it lists: a glucose of 5.4 mmol/L must never be
 * read against 70-99 mg/dL, so a value with an unknown or missing unit gets no range.
 * @module
 */
import type { AnalyteKey } from './analyte-glossary.ts';
import { unitKey } from './lab-unit.ts';
import type { ParsedRange } from './reference-range.ts';

interface DefaultRange {
  units: readonly string[];
  low: number | null;
  high: number | null;
  /** True when the bound itself is still in range (`>= 40` rather than `> 40`). */
  inclusive: boolean;
  text: string;
}

const between = (units: readonly string[], low: number, high: number, text: string): DefaultRange => ({ units, low, high, inclusive: true, text });
const below = (units: readonly string[], high: number, text: string): DefaultRange => ({ units, low: null, high, inclusive: false, text });
const atLeast = (units: readonly string[], low: number, text: string): DefaultRange => ({ units, low, high: null, inclusive: true, text });

const MMOL = ['mmol/l', 'meq/l'];
const CELLS = ['10^9/l'];
const ENZYME = ['u/l', 'iu/l'];

const DEFAULT_RANGES: Partial<Record<AnalyteKey, readonly DefaultRange[]>> = {
  hemoglobin: [between(['g/dl'], 12.0, 17.5, '12.0-17.5'), between(['g/l'], 120, 175, '120-175')],
  wbc: [between(CELLS, 4.0, 11.0, '4.0-11.0')],
  platelets: [between(CELLS, 150, 400, '150-400')],
  // Fasting ranges: the table cannot tell a random glucose from a fasting one.
  glucose: [between(['mg/dl'], 70, 99, '70-99'), between(['mmol/l'], 3.9, 5.5, '3.9-5.5')],
  hba1c: [between(['%'], 4.0, 5.6, '4.0-5.6'), between(['mmol/mol'], 20, 38, '20-38')],
  total_cholesterol: [below(['mg/dl'], 200, '<200'), below(['mmol/l'], 5.2, '<5.2')],
  ldl: [below(['mg/dl'], 100, '<100'), below(['mmol/l'], 2.6, '<2.6')],
  hdl: [atLeast(['mg/dl'], 40, '>=40'), atLeast(['mmol/l'], 1.0, '>=1.0')],
  triglycerides: [below(['mg/dl'], 150, '<150'), below(['mmol/l'], 1.7, '<1.7')],
  creatinine: [between(['mg/dl'], 0.6, 1.3, '0.6-1.3'), between(['umol/l'], 53, 115, '53-115')],
  egfr: [atLeast(['ml/min/1.73m2', 'ml/min'], 60, '>=60')],
  alt: [between(ENZYME, 7, 56, '7-56')],
  ast: [between(ENZYME, 10, 40, '10-40')],
  tsh: [between(['miu/l', 'mu/l', 'uiu/ml'], 0.4, 4.0, '0.4-4.0')],
  sodium: [between(MMOL, 135, 145, '135-145')],
  potassium: [between(MMOL, 3.5, 5.1, '3.5-5.1')],
  vitamin_d: [between(['ng/ml'], 30, 100, '30-100'), between(['nmol/l'], 75, 250, '75-250')],
  ferritin: [between(['ng/ml', 'ug/l'], 15, 300, '15-300')],
};

/**
 * The built-in adult range for an analyte in the printed unit, or null when the table has
 * none for that analyte and unit.
 *
 * @example
 * ```ts
 * defaultRangeFor('glucose', 'mg/dL');  // { low: 70, high: 99, text: '70-99', … }
 * defaultRangeFor('glucose', '');       // null: no unit, no guess
 * ```
 */
export function defaultRangeFor(analyte: AnalyteKey | null, unit: string): ParsedRange | null {
  if (analyte === null) return null;
  const key = unitKey(unit);
  const entry = DEFAULT_RANGES[analyte]?.find((candidate) => candidate.units.includes(key));
  if (entry === undefined) return null;
  return { low: entry.low, high: entry.high, lowInclusive: entry.inclusive, highInclusive: entry.inclusive, text: entry.text };
}
