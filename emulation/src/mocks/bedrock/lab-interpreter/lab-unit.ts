/**
 * Units as lab reports print them, e.g. mg/dL, g/dL, mmol/L, µmol/L or umol/L, U/L, IU/L,
 * mIU/L, %, x10^9/L, 10^3/uL, fL, pg, ng/mL, mEq/L, mL/min/1.73m2.
 * @module
 */

const UNIT_ALTERNATIVES = [
  // Cell counts: x10^9/L, ×10⁹/L, 10^3/uL, 10*3/µL, 10E9/L, 10^3/mm3.
  String.raw`(?:[x×]\s?)?10\s?(?:\^|\*|e)?\s?[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}\s?\/\s?[a-zµμ]+[0-9]?`,
  // Anything "per" something: mg/dL, µmol/L, U/L, K/uL, mmol/mol, mL/min/1.73 m2.
  String.raw`[a-zµμ%][a-zµμ0-9.]*(?:\/[a-zµμ0-9.]+)+(?:\s?m[2²])?`,
  // The few units without a slash that labs print. A bare "L" is not among them: after a
  // value it is the low marker far more often than litres.
  String.raw`%|fL|pg|mmHg|ratio|index|sec|seconds`,
];
const UNIT_AT_START = new RegExp(
  String.raw`^\s*(${UNIT_ALTERNATIVES.map((alternative) => `(?:${alternative})`).join('|')})(?=$|[\s,;)\]])`,
  'i',
);

/**
 * The unit at the start of `text` (after spaces), if there is one, as printed but with the
 * Greek mu (U+03BC, which PDF text extraction tends to produce) written as the micro sign
 * (U+00B5), so a unit reads the same from a text report and from its PDF.
 *
 * @example
 * ```ts
 * matchUnitAtStart(' mg/dL 70-99'); // { unit: 'mg/dL', length: 6 }
 * matchUnitAtStart(' hours');       // null
 * ```
 */
export function matchUnitAtStart(text: string): { unit: string; length: number } | null {
  const match = UNIT_AT_START.exec(text);
  if (match === null) return null;
  const unit = displayUnit(match[1] ?? '');
  return unit.length === 0 || unit.length > 50 ? null : { unit, length: match[0].length };
}

/**
 * A unit as shown to the reader: trimmed, micro sign for either mu.
 *
 * @example
 * ```ts
 * displayUnit(' μmol/L '); // 'µmol/L'
 * ```
 */
export function displayUnit(unit: string): string {
  return unit.trim().replaceAll('\u03bc', '\u00b5');
}

const SUPERSCRIPTS: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };

/**
 * A comparison key for a unit, so the built-in range tables can say which spellings they
 * apply to: lower case, no spaces, `u` for micro (µ, μ, mc), `10^n` for every exponent
 * spelling, no leading `x`, and the equivalent cell-count spellings (10^3/µL, K/µL, 10^9/L)
 * folded into `10^9/l`.
 *
 * @example
 * ```ts
 * unitKey('x10^9/L') === unitKey('10^3/µL'); // true: both '10^9/l'
 * unitKey('µmol/L');                           // 'umol/l'
 * ```
 */
export function unitKey(unit: string): string {
  const key = unit
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[µμ]/g, 'u')
    .replace(/^mc(?=[a-z]+\/)/, 'u')
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (digit) => SUPERSCRIPTS[digit] ?? digit)
    .replace(/×/g, 'x')
    .replace(/^x(?=10)/, '')
    .replace(/^10(?:\*|e|\^)?(\d+)/, '10^$1');
  return ['10^3/ul', 'k/ul', 'thou/ul', '10^3/mm3', '10^9/l'].includes(key) ? '10^9/l' : key;
}
