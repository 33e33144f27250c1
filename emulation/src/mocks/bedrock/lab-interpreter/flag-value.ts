/**
 * The flag for one value: low, normal, high or critical.
 *
 * Rules, in order:
 * 1. The range is the one the report prints; when it prints none, the built-in adult
 *    range for the analyte and unit (`defaultRangeFor`); otherwise there is none.
 * 2. Below the low bound → low, above the high bound → high, else normal. Two-sided
 *    ranges include their bounds; `<b` and `>a` exclude theirs (`<100` makes 100 high).
 * 3. Critical, when the analyte and unit have well-known critical thresholds
 *    (`criticalThresholdFor`): outside those thresholds, and only then. These take
 *    precedence, even over a printed range and even when no range is known.
 * 4. Critical, for other analytes with a two-sided range: below half the low bound or
 *    above twice the high bound ("far outside"). One-sided ranges (`<100`) have no such
 *    rule: an LDL of 250 mg/dL against `<100` is high, not critical.
 * @module
 */
import type { LabFlag } from '#shared/interpretation/lab-interpretation.ts';
import type { AnalyteKey } from './analyte-glossary.ts';
import { criticalThresholdFor } from './critical-thresholds.ts';
import { defaultRangeFor } from './default-ranges.ts';
import type { ValuePrefix } from './parse-lab-line.ts';
import type { ParsedRange } from './reference-range.ts';

/** Where the value lies against the range (or the critical thresholds when no range). */
export type FlagDirection = 'below' | 'within' | 'above';
/** Which range the flag was read against. */
export type RangeBasis = 'report' | 'default' | 'none';

export interface FlagResult {
  flag: LabFlag;
  direction: FlagDirection;
  basis: RangeBasis;
  /** The range used: the printed one, the built-in one, or null. */
  range: ParsedRange | null;
  /** Outside the range but within `MILD_MARGIN` of the crossed bound ("a little above"). */
  mild: boolean;
}

/** Within 10% of the crossed bound counts as "a little" outside. */
export const MILD_MARGIN = 0.1;
/** The ratio rule of step 4. */
export const CRITICAL_LOW_FACTOR = 0.5;
export const CRITICAL_HIGH_FACTOR = 2;

function directionAgainst(value: number, prefix: ValuePrefix, range: ParsedRange | null): FlagDirection {
  if (range === null) return 'within';
  // A printed "<5" lies below 5: it cannot be above a high bound of 5 or more. Likewise ">90".
  const trulyBelow = prefix.startsWith('<');
  const trulyAbove = prefix.startsWith('>');
  if (range.low !== null && (range.lowInclusive ? value < range.low : value <= range.low) && !(trulyAbove && value >= range.low)) return 'below';
  if (range.high !== null && (range.highInclusive ? value > range.high : value >= range.high) && !(trulyBelow && value <= range.high)) return 'above';
  return 'within';
}

/**
 * Flags one value (see the module comment for the rules).
 *
 * @example
 * ```ts
 * flagValue({ analyte: 'hemoglobin', value: 11.2, unit: 'g/dL', range: findReferenceRange('12.0-15.5') });
 * // { flag: 'low', direction: 'below', basis: 'report', mild: true, range: … }
 * flagValue({ analyte: 'potassium', value: 6.8, unit: 'mmol/L', range: null });
 * // { flag: 'critical', direction: 'above', basis: 'default', … }
 * ```
 */
export function flagValue(input: { analyte: AnalyteKey | null; value: number; valuePrefix?: ValuePrefix; unit: string; range: ParsedRange | null }): FlagResult {
  const { analyte, value, unit, valuePrefix = '' } = input;
  const fallback = input.range === null ? defaultRangeFor(analyte, unit) : null;
  const range = input.range ?? fallback;
  const basis: RangeBasis = input.range !== null ? 'report' : fallback !== null ? 'default' : 'none';
  let direction = directionAgainst(value, valuePrefix, range);

  let critical: boolean;
  const threshold = criticalThresholdFor(analyte, unit);
  if (threshold !== null) {
    const criticallyLow = threshold.below !== null && value < threshold.below;
    const criticallyHigh = threshold.above !== null && value > threshold.above;
    critical = criticallyLow || criticallyHigh;
    if (criticallyLow) direction = 'below';
    if (criticallyHigh) direction = 'above';
  } else {
    const twoSided = range !== null && range.low !== null && range.high !== null;
    critical =
      twoSided &&
      ((direction === 'below' && value < (range.low ?? 0) * CRITICAL_LOW_FACTOR) || (direction === 'above' && value > (range.high ?? 0) * CRITICAL_HIGH_FACTOR));
  }

  const mild =
    !critical &&
    ((direction === 'below' && range?.low != null && value >= range.low * (1 - MILD_MARGIN)) ||
      (direction === 'above' && range?.high != null && value <= range.high * (1 + MILD_MARGIN)));
  const flag: LabFlag = critical ? 'critical' : direction === 'below' ? 'low' : direction === 'above' ? 'high' : 'normal';
  return { flag, direction, basis, range, mild };
}
