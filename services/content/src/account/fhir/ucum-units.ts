/**
 * Lab-report unit spellings → UCUM codes (http://unitsofmeasure.org), for FHIR `valueQuantity`.
 * Only units seen on common reports are mapped; an unknown spelling gives undefined, and the
 * quantity then keeps the printed `unit` without `system`/`code` (FHIR allows that).
 * @module
 */

export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

/** Keys are normalised spellings (see `normaliseUnit`). */
const UCUM_BY_UNIT: Readonly<Record<string, string>> = {
  'mg/dl': 'mg/dL',
  'g/dl': 'g/dL',
  'g/l': 'g/L',
  'mg/l': 'mg/L',
  'mmol/l': 'mmol/L',
  'umol/l': 'umol/L',
  'nmol/l': 'nmol/L',
  'pmol/l': 'pmol/L',
  'mmol/mol': 'mmol/mol',
  'meq/l': 'meq/L',
  'u/l': 'U/L',
  'iu/l': '[IU]/L',
  'miu/l': 'm[IU]/L',
  'uiu/ml': 'u[IU]/mL',
  'iu/ml': '[IU]/mL',
  '%': '%',
  '10^9/l': '10*9/L',
  '10*9/l': '10*9/L',
  '10^12/l': '10*12/L',
  '10*12/l': '10*12/L',
  '10^3/ul': '10*3/uL',
  '10*3/ul': '10*3/uL',
  'k/ul': '10*3/uL',
  '10^6/ul': '10*6/uL',
  '10*6/ul': '10*6/uL',
  fl: 'fL',
  pg: 'pg',
  'pg/ml': 'pg/mL',
  'ng/ml': 'ng/mL',
  'ng/dl': 'ng/dL',
  'ng/l': 'ng/L',
  'ug/l': 'ug/L',
  'ug/dl': 'ug/dL',
  'ml/min/1.73m2': 'mL/min/{1.73_m2}',
  'ml/min/{1.73_m2}': 'mL/min/{1.73_m2}',
};

/** Lower case, no spaces, micro signs as `u`, a leading multiplication sign (`x10^9/L`) dropped, `²` as `2`. */
export function normaliseUnit(unit: string): string {
  return unit
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[µμ]/g, 'u')
    .replace(/²/g, '2')
    .replace(/^[x×]/, '');
}

/**
 * The UCUM code of a printed unit, or undefined when it is not one we know.
 *
 * @example
 * ```ts
 * ucumCodeOf('x10^9/L'); // '10*9/L'
 * ucumCodeOf('mL/min/1.73m2'); // 'mL/min/{1.73_m2}'
 * ```
 */
export function ucumCodeOf(unit: string): string | undefined {
  return UCUM_BY_UNIT[normaliseUnit(unit)];
}
