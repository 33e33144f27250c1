/**
 * Well-known critical ("panic") values: results far enough outside the usual range that
 * labs phone them through. They take precedence over the ratio rule in `flagValue`, because
 * for these analytes the clinically agreed limits are more accurate than a multiple of the
 * range (a glucose of 250 mg/dL is high, not critical; a potassium of 6.5 mmol/L is
 * critical although it is only 1.3 times the upper bound).
 * Like the default ranges, each entry applies only to the units it lists.
 * @module
 */
import type { AnalyteKey } from './analyte-glossary.ts';
import { unitKey } from './lab-unit.ts';

/** Critical below `below` or above `above` (either may be absent). */
export interface CriticalThreshold {
  below: number | null;
  above: number | null;
}

interface CriticalEntry extends CriticalThreshold {
  units: readonly string[];
}

const CRITICAL_THRESHOLDS: Partial<Record<AnalyteKey, readonly CriticalEntry[]>> = {
  potassium: [{ units: ['mmol/l', 'meq/l'], below: 2.8, above: 6.2 }],
  sodium: [{ units: ['mmol/l', 'meq/l'], below: 120, above: 160 }],
  glucose: [
    { units: ['mg/dl'], below: 54, above: 400 },
    { units: ['mmol/l'], below: 3.0, above: 22.2 },
  ],
  hemoglobin: [
    { units: ['g/dl'], below: 7, above: 20 },
    { units: ['g/l'], below: 70, above: 200 },
  ],
  platelets: [{ units: ['10^9/l'], below: 20, above: 1000 }],
};

/**
 * The critical thresholds for an analyte in the printed unit, or null when the table has
 * none (then `flagValue` falls back to the ratio rule).
 *
 * @example
 * ```ts
 * criticalThresholdFor('potassium', 'mmol/L'); // { below: 2.8, above: 6.2 }
 * criticalThresholdFor('potassium', '');       // null
 * ```
 */
export function criticalThresholdFor(analyte: AnalyteKey | null, unit: string): CriticalThreshold | null {
  if (analyte === null) return null;
  const key = unitKey(unit);
  const entry = CRITICAL_THRESHOLDS[analyte]?.find((candidate) => candidate.units.includes(key));
  return entry === undefined ? null : { below: entry.below, above: entry.above };
}
