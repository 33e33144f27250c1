/**
 * One free-form analyte line: a name, a value, an optional unit and an optional range, in
 * the layouts lab reports use, e.g.
 *   `Hemoglobin 11.2 g/dL 12.0-15.5`, `Glucose, fasting: 182 mg/dL (70 - 99)`,
 *   `LDL Cholesterol 162 mg/dL <100`, `TSH 2,1 mIU/L 0,4 – 4,0`, `Hemoglobin  11.2 L  g/dL`,
 *   `eGFR >90 mL/min/1.73m2 >60`, `Hemoglobin 12.0-15.5 11.2 g/dL` (range before value),
 *   `LDL Cholesterol: 162 mg/dL (reference <100) — high` (the chat context's own lines).
 * @module
 */
import type { LabFlag } from '#shared/interpretation/lab-interpretation.ts';
import { identifyAnalyte } from './analyte-glossary.ts';
import { LAB_NUMBER_SOURCE as N, parseLabNumber } from './lab-number.ts';
import { matchUnitAtStart } from './lab-unit.ts';
import { parseRangeAtEnd, parseRangeAtStart, type ParsedRange } from './reference-range.ts';

/** A comparator printed before a value (">90"), or ''. */
export type ValuePrefix = '' | '<' | '>' | '<=' | '>=';

export interface ParsedLabLine {
  /** The name as printed, tidied: single spaces, no trailing colon or dot leaders. */
  name: string;
  value: number;
  /**
   * A comparator printed before the value, '' when none: `>90` (eGFR) means above 90, so
   * the flag must not call it "90" against a `>90` range.
   */
  valuePrefix: ValuePrefix;
  /** As printed (µ for either mu), or '' when the line prints none. */
  unit: string;
  range: ParsedRange | null;
  /**
   * A flag word the line ends with ("— high"), as in the chat context's lines. Reports'
   * H/L/* markers are not read as flags: the interpreter flags values itself.
   */
  statedFlag: LabFlag | null;
}

// A value: on its own (after a space, colon or equals sign), maybe with a comparator
// (">90"), maybe with a marker glued on ("11.2L", "162*"), and not part of a longer token
// ("A1c", "25-OH", "19-9", "2026-11-02", "10^9" are not values).
const VALUE_CANDIDATE = new RegExp(String.raw`(^|[\s:=])([<>]=?)?(${N})(?:\*+|(?:HH|LL|H|L)(?![A-Za-z/]))?(?=$|[\s;)%*]|[A-Za-zµμ])`, 'g');
const MARKER_SYMBOL = /^\s*[([]?(?:HH|LL|H|L|A|\*+)[)\]]?(?=\s|$)/;
const MARKER_WORD = /^\s*[([]?(?:high|low|abnormal|abn|critical|crit)[)\]]?(?=\s|$)/i;
const STATED_FLAG = /\b(low|normal|high|critical)\b[\s.)\]]*$/i;
// What may follow a bare value on a line we still accept: markers, flag words, punctuation.
const BENIGN_TAIL = /^[\s\-–—:.,()[\]*]*(?:(?:HH|LL|H|L|A|high|low|normal|critical|abnormal)\b[\s\-–—:.,()[\]*]*)*$/i;
const MAX_NAME_LENGTH = 80;
const MAX_NAME_WORDS = 8;

function stripMarker(text: string): string {
  return text.replace(MARKER_SYMBOL, '').replace(MARKER_WORD, '');
}

/**
 * A printed name tidied for display: single spaces, no list bullet or number, no trailing
 * colon, equals sign or dot leaders.
 *
 * @example
 * ```ts
 * tidyAnalyteName('- Glucose, fasting ....:'); // 'Glucose, fasting'
 * ```
 */
export function tidyAnalyteName(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .replace(/^\s*(?:[-*•·]+|\d+[.)])\s+/, '')
    .replace(/[\s:=.\-–—…_]+$/, '')
    .trim();
}

/**
 * Whether tidied text can be an analyte name: has a letter, is short (at most 8 words, 80
 * characters), and does not start with a number or a comparator.
 *
 * @example
 * ```ts
 * isPlausibleAnalyteName('25-OH Vitamin D'); // true
 * isPlausibleAnalyteName('3 of');            // false
 * ```
 */
export function isPlausibleAnalyteName(name: string): boolean {
  return (
    /[A-Za-z]/.test(name) &&
    name.length <= MAX_NAME_LENGTH &&
    name.split(' ').length <= MAX_NAME_WORDS &&
    // "3 of 12 values…" is a sentence, not an analyte; "25-OH Vitamin D" is fine.
    !/^\d+(?:[.,]\d+)?(?:\s|$)/.test(name) &&
    !/^[<>]/.test(name)
  );
}

interface Tail {
  unit: string;
  range: ParsedRange | null;
  statedFlag: LabFlag | null;
  benign: boolean;
}

function readTail(rest: string): Tail {
  let text = stripMarker(rest);
  let unit = '';
  const unitFirst = matchUnitAtStart(text);
  if (unitFirst !== null) {
    unit = unitFirst.unit;
    text = stripMarker(text.slice(unitFirst.length));
  }
  const rangeMatch = parseRangeAtStart(text);
  if (rangeMatch !== null) text = text.slice(rangeMatch.length);
  if (unit === '' && rangeMatch !== null) {
    // "(70-99 mg/dL)" or "12.0-15.5 g/dL": the unit printed after the range.
    const unitAfter = matchUnitAtStart(text.replace(/^\s*[)\]]/, ''));
    if (unitAfter !== null) unit = unitAfter.unit;
  }
  const stated = STATED_FLAG.exec(text)?.[1]?.toLowerCase();
  return {
    unit,
    range: rangeMatch?.range ?? null,
    statedFlag: stated === undefined ? null : (stated as LabFlag),
    benign: BENIGN_TAIL.test(text),
  };
}

/**
 * Reads one line, or returns null when it is not an analyte line. A line counts when its
 * value is followed by a unit or a range ("strong"), or when the name is one the glossary
 * knows and nothing but markers follows the value ("Potassium 4.1"). Headers, dates,
 * patient details and sentences ("Fasting for 12 hours") do not count.
 *
 * @example
 * ```ts
 * parseLabLine('Glucose, fasting: 182 mg/dL (70 - 99)');
 * // { name: 'Glucose, fasting', value: 182, valuePrefix: '', unit: 'mg/dL', range: { low: 70, high: 99, text: '70 - 99', … }, statedFlag: null }
 * parseLabLine('Collected: 2026-11-02'); // null
 * ```
 */
export function parseLabLine(line: string): ParsedLabLine | null {
  // Pipe tables read like any other spaced layout.
  const text = line.replace(/[|\u00a0]/g, ' ');
  let weak: ParsedLabLine | null = null;
  for (const match of text.matchAll(VALUE_CANDIDATE)) {
    const [whole, lead = '', comparator, printed = ''] = match;
    let name = tidyAnalyteName(text.slice(0, match.index + lead.length));
    const value = parseLabNumber(printed);
    if (value === null || !isPlausibleAnalyteName(name)) continue;
    const tail = readTail(text.slice(match.index + whole.length));
    let range = tail.range;
    if (range === null) {
      // "Hemoglobin 12.0-15.5 11.2 g/dL": the range printed between name and value.
      const before = parseRangeAtEnd(name);
      if (before !== null && isPlausibleAnalyteName(tidyAnalyteName(name.slice(0, before.index)))) {
        range = before.range;
        name = tidyAnalyteName(name.slice(0, before.index));
      }
    }
    const valuePrefix = (comparator ?? '') as ValuePrefix;
    const parsed: ParsedLabLine = { name, value, valuePrefix, unit: tail.unit, range, statedFlag: tail.statedFlag };
    if (tail.unit !== '' || range !== null) return parsed;
    // A bare "<5" or ">90" is too ambiguous without a unit or range to go with it.
    if (weak === null && comparator === undefined && tail.benign && identifyAnalyte(name) !== null) weak = parsed;
  }
  return weak;
}
