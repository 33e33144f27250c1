/**
 * Numbers as lab reports print them: `11.2`, `5,4` (decimal comma, common in European
 * reports) and `1,250` (thousands separator, common in US reports).
 * @module
 */

/**
 * Regular-expression source for one printed number (no sign: lab values and range bounds
 * are never negative in the layouts this mock reads). The thousands form comes first so
 * `150,000` is read whole rather than as `150,0` followed by junk.
 */
export const LAB_NUMBER_SOURCE = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)`;

const THOUSANDS = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
const DECIMAL_COMMA = /^\d+,\d+$/;
const PLAIN = /^\d+(?:\.\d+)?$/;

/**
 * Reads one printed number. A comma followed by exactly three digits after a non-zero
 * integer part of one to three digits (`1,250`, `150,000`) is a thousands separator; any
 * other single comma is a decimal comma (`5,4`, `0,125`, `12,50`). `5,400` is therefore
 * 5400, which is how US reports print it; a European report would print 5,4.
 *
 * @example
 * ```ts
 * parseLabNumber('5,4');   // 5.4
 * parseLabNumber('1,250'); // 1250
 * parseLabNumber('abc');   // null
 * ```
 */
export function parseLabNumber(text: string): number | null {
  const printed = text.trim();
  if (THOUSANDS.test(printed)) return Number(printed.replaceAll(',', ''));
  if (DECIMAL_COMMA.test(printed)) return Number(printed.replace(',', '.'));
  if (PLAIN.test(printed)) return Number(printed);
  return null;
}
