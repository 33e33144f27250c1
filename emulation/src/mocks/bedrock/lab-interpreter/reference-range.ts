/**
 * Reference ranges as lab reports print them: `12.0-15.5`, `0.4 – 4.0`, `(70 - 99)`,
 * `<100`, `<=5.0`, `>40`, `>=60`, `3,5-5,1`, `12 to 15`, `less than 100`.
 * @module
 */
import { LAB_NUMBER_SOURCE as N, parseLabNumber } from './lab-number.ts';

/**
 * A parsed range. `low`/`high` are null on an open side. The inclusive flags matter at the
 * bound itself: labs read `12.0-15.5` as inclusive, but `<100` means 100 is already above
 * and `>40` means 40 is already below.
 */
export interface ParsedRange {
  low: number | null;
  high: number | null;
  lowInclusive: boolean;
  highInclusive: boolean;
  /** The range as printed, without surrounding parentheses, e.g. `70 - 99` or `<100`. */
  text: string;
}

/** The range in the shape of the interpretation contract. */
export interface ReportedRange {
  low: number | null;
  high: number | null;
  text: string;
}

// A bound must not run on into more digits or a date ("2026-11-02" is not the range 2026-11).
const END = String.raw`(?!\d|[.,/\-–—]\d)`;
const COMPARATORS = String.raw`<=|=<|≤|>=|=>|≥|<|>|less than|greater than|up to|below|under|above|over`;
const BETWEEN_SOURCE = String.raw`(${N})\s*(?:-|–|—|\bto\b)\s*(${N})`;
const COMPARATOR_SOURCE = String.raw`(${COMPARATORS})\s*(${N})`;

const AT_START = new RegExp(String.raw`^(?:${BETWEEN_SOURCE}|${COMPARATOR_SOURCE})${END}`, 'i');
// A range closing a text, optionally in brackets: the "Name  Range  Value" layout.
const AT_END = new RegExp(String.raw`(?<![\w.,/^\-–—])[([]?\s*((?:${BETWEEN_SOURCE}|${COMPARATOR_SOURCE}))\s*[)\]]?\s*$`, 'i');
// Not glued to a word, a number or a unit exponent ("A1c", "x10^9", "25-OH" stay intact).
const ANYWHERE = new RegExp(String.raw`(?<![\w.,/^\-–—])(?:${BETWEEN_SOURCE}|${COMPARATOR_SOURCE})${END}`, 'i');
// Words and punctuation a report may print before the range: "(ref: 70-99)", "Normal range:".
const LEAD = /^\s*[([]?\s*(?:(?:reference|ref\.?|range|normal|interval|optimal|desirable|target|values?|limits?)\b\.?\s*[:=]?\s*)*/i;

function fromMatch(match: RegExpExecArray): ParsedRange | null {
  const [text, lowText, highText, comparator, boundText] = match;
  return fromParts(text, lowText, highText, comparator, boundText);
}

function fromParts(text: string, lowText?: string, highText?: string, comparator?: string, boundText?: string): ParsedRange | null {
  if (lowText !== undefined && highText !== undefined) {
    const low = parseLabNumber(lowText);
    const high = parseLabNumber(highText);
    // "19-9" (as in CA 19-9) or a reversed pair is not a usable range.
    if (low === null || high === null || low > high) return null;
    return { low, high, lowInclusive: true, highInclusive: true, text: text.trim() };
  }
  const bound = parseLabNumber(boundText ?? '');
  if (bound === null || comparator === undefined) return null;
  const op = comparator.toLowerCase();
  const inclusive = ['<=', '=<', '≤', '>=', '=>', '≥', 'up to'].includes(op);
  const isUpperBound = ['<=', '=<', '≤', '<', 'less than', 'up to', 'below', 'under'].includes(op);
  return isUpperBound
    ? { low: null, high: bound, lowInclusive: false, highInclusive: inclusive, text: text.trim() }
    : { low: bound, high: null, lowInclusive: inclusive, highInclusive: false, text: text.trim() };
}

/**
 * Reads a range at the start of `text`, after optional label words and an opening
 * parenthesis ("(ref 70-99)"), and says how many characters it used, closing bracket
 * included, so the caller can read on (e.g. a unit printed after the range).
 *
 * @example
 * ```ts
 * parseRangeAtStart(' (70 - 99) mg/dL'); // { range: { low: 70, high: 99, text: '70 - 99', … }, length: 10 }
 * ```
 */
export function parseRangeAtStart(text: string): { range: ParsedRange; length: number } | null {
  const lead = LEAD.exec(text)?.[0] ?? '';
  const match = AT_START.exec(text.slice(lead.length));
  if (match === null) return null;
  const range = fromMatch(match);
  if (range === null) return null;
  const afterRange = lead.length + match[0].length;
  const closing = /^\s*[)\]]/.exec(text.slice(afterRange))?.[0] ?? '';
  return { range, length: afterRange + closing.length };
}

/**
 * The first range anywhere in `text` (a table cell, a chat-context line, a range text).
 *
 * @example
 * ```ts
 * findReferenceRange('reference <100'); // { low: null, high: 100, highInclusive: false, text: '<100', … }
 * findReferenceRange('2026-11-02');     // null
 * ```
 */
export function findReferenceRange(text: string): ParsedRange | null {
  const match = ANYWHERE.exec(text);
  return match === null ? null : fromMatch(match);
}

/**
 * A range that ends `text` (brackets allowed), and where it starts, for layouts that print
 * the range before the value ("Hemoglobin 12.0-15.5 11.2 g/dL").
 *
 * @example
 * ```ts
 * parseRangeAtEnd('Hemoglobin (12.0-15.5)'); // { range: { low: 12, high: 15.5, text: '12.0-15.5', … }, index: 11 }
 * ```
 */
export function parseRangeAtEnd(text: string): { range: ParsedRange; index: number } | null {
  const match = AT_END.exec(text);
  if (match === null) return null;
  const [, rangeText = '', lowText, highText, comparator, boundText] = match;
  const range = fromParts(rangeText, lowText, highText, comparator, boundText);
  return range === null ? null : { range, index: match.index };
}

/**
 * Drops the inclusive flags: the contract stores only the bounds and the printed text.
 *
 * @example
 * ```ts
 * toReportedRange(findReferenceRange('<100')!); // { low: null, high: 100, text: '<100' }
 * ```
 */
export function toReportedRange(range: ParsedRange): ReportedRange {
  return { low: range.low, high: range.high, text: range.text.slice(0, 100) };
}

/**
 * A contract range back into a parsed one, re-reading its text for the inclusive flags
 * (a stored `<100` still means 100 is above); bounds from the stored numbers win.
 *
 * @example
 * ```ts
 * fromReportedRange({ low: null, high: 100, text: '<100' }).highInclusive; // false
 * ```
 */
export function fromReportedRange(reported: ReportedRange): ParsedRange {
  const reread = findReferenceRange(reported.text);
  return {
    low: reported.low,
    high: reported.high,
    lowInclusive: reread?.low === reported.low && reported.low !== null ? reread.lowInclusive : true,
    highInclusive: reread?.high === reported.high && reported.high !== null ? reread.highInclusive : true,
    text: reported.text,
  };
}
