/**
 * The report's date, as ISO yyyy-mm-dd. Reads `2026-11-02` (also 2026/11/02),
 * `02/11/2026`, `02.11.2026`, `02-11-2026`, `2 Nov 2026`, `2nd November 2026`,
 * `02-Nov-2026`, `November 2, 2026` and `Nov 2 2026`.
 *
 * Which date: the first on a collection line ("Collected:", "Collection date", "Specimen",
 * "Sample", "Drawn"), else the first on any other dated line ("Date:", "Reported:",
 * "Received:"), else the first anywhere. Birth dates (lines naming "birth" or "DOB") are
 * never used.
 *
 * Numeric day/month order: with dots or hyphens, day first (the European forms). With
 * slashes, whichever reading is the only valid one (13/02/2026 is 13 February, 02/13/2026 is
 * 13 February), and day first when both are valid: 02/11/2026 is 2 November 2026, the
 * reading used by most of the world outside the US. Two-digit years are not read.
 * @module
 */

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

const YEAR_FIRST = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g;
const NUMERIC_YEAR_LAST = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)/g;
const DAY_MONTH_NAME = new RegExp(String.raw`(?<!\d)(\d{1,2})(?:st|nd|rd|th)?[\s-]+${MONTH}\b\.?,?[\s-]+(\d{4})(?!\d)`, 'gi');
const MONTH_NAME_DAY = new RegExp(String.raw`\b${MONTH}\b\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)`, 'gi');

const COLLECTION_LINE = /\b(?:collect(?:ed|ion)|specimen|sample[ds]?|drawn)\b/i;
const DATED_LINE = /\b(?:date|dated|reported|received|issued|resulted)\b/i;
const BIRTH_LINE = /\b(?:birth|dob|d\.o\.b|born)\b/i;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;
}

function numericDate(first: number, separator: string, second: number, year: number): string | null {
  if (separator !== '/') return isoDate(year, second, first);
  return isoDate(year, second, first) ?? isoDate(year, first, second);
}

/**
 * Every valid date on one line, in the order printed.
 *
 * @example
 * ```ts
 * datesInLine('Collected 2 Nov 2026, reported 2026-11-03'); // ['2026-11-02', '2026-11-03']
 * ```
 */
export function datesInLine(line: string): string[] {
  const found: Array<{ index: number; iso: string | null }> = [
    ...[...line.matchAll(YEAR_FIRST)].map((m) => ({ index: m.index, iso: isoDate(Number(m[1]), Number(m[2]), Number(m[3])) })),
    ...[...line.matchAll(NUMERIC_YEAR_LAST)].map((m) => ({ index: m.index, iso: numericDate(Number(m[1]), m[2] ?? '/', Number(m[3]), Number(m[4])) })),
    ...[...line.matchAll(DAY_MONTH_NAME)].map((m) => ({ index: m.index, iso: isoDate(Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1])) })),
    ...[...line.matchAll(MONTH_NAME_DAY)].map((m) => ({ index: m.index, iso: isoDate(Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2])) })),
  ];
  return found
    .filter((date): date is { index: number; iso: string } => date.iso !== null)
    .sort((a, b) => a.index - b.index)
    .map((date) => date.iso);
}

/**
 * The report's date (see the module comment for which one), or null when none is printed.
 *
 * @example
 * ```ts
 * findDocumentDate('DOB: 01/01/1980\nReported: 3 Nov 2026\nCollected: 02/11/2026'); // '2026-11-02'
 * findDocumentDate('Hemoglobin 11.2 g/dL');                                          // null
 * ```
 */
export function findDocumentDate(text: string): string | null {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => !BIRTH_LINE.test(line));
  for (const preferred of [COLLECTION_LINE, DATED_LINE, /./]) {
    for (const line of lines) {
      if (!preferred.test(line)) continue;
      const [first] = datesInLine(line);
      if (first !== undefined) return first;
    }
  }
  return null;
}
