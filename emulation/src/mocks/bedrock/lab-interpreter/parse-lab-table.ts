/**
 * Tables with a header row ("Test  Result  Units  Reference Range"), tab, pipe or
 * multi-space separated. The header says which column holds what, so rows read correctly
 * whatever the column order ("Analyte | Reference | Result | Units" too). A row that does
 * not fit the header (say, an empty cell collapsed in a space-separated table) is left to
 * the free-form line parser.
 * @module
 */
import { LAB_NUMBER_SOURCE as N, parseLabNumber } from './lab-number.ts';
import { displayUnit } from './lab-unit.ts';
import { isPlausibleAnalyteName, tidyAnalyteName, type ParsedLabLine, type ValuePrefix } from './parse-lab-line.ts';
import { findReferenceRange } from './reference-range.ts';

/** Which column holds what, by index; unit and range columns are optional. */
export interface TableLayout {
  columns: number;
  name: number;
  value: number;
  unit: number | null;
  range: number | null;
}

const NAME_HEADER = /^(?:test(?: name)?|tests|analyte|component|parameter|investigation|examination|measurement|determination|description|name)$/i;
const VALUE_HEADER = /^(?:results?|value|your (?:result|value)|observed(?: value)?|measured(?: value)?)$/i;
const UNIT_HEADER = /^(?:units?|uom)$/i;
const RANGE_HEADER = /\b(?:ref\.?|reference|range|interval|normal|limits)\b/i;
const VALUE_CELL = new RegExp(String.raw`^([<>]=?)?\s*(${N})\s*(?:\*+|HH|LL|H|L)?$`);

/**
 * A line's cells: split on pipes if it has any, else on tabs, else on runs of two or more
 * spaces. Empty cells survive pipe and tab splitting (that is how a blank flag column is
 * kept in place) but not space splitting.
 *
 * @example
 * ```ts
 * splitCells('| Hemoglobin | 11.2 | g/dL |'); // ['Hemoglobin', '11.2', 'g/dL']
 * splitCells('WBC\t6.4\t\tx10^9/L');           // ['WBC', '6.4', '', 'x10^9/L']
 * ```
 */
export function splitCells(line: string): string[] {
  if (line.includes('|')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells[0] === '') cells.shift();
    if (cells.at(-1) === '') cells.pop();
    return cells;
  }
  if (line.includes('\t')) return line.split('\t').map((cell) => cell.trim());
  return line.trim().split(/\s{2,}/);
}

/**
 * The layout a header row announces, or null when the line is not a header (it needs at
 * least three cells, no digits, a name column and a result column).
 *
 * @example
 * ```ts
 * detectTableHeader('Test\tResult\tFlag\tUnits\tReference Range');
 * // { columns: 5, name: 0, value: 1, unit: 3, range: 4 }
 * ```
 */
export function detectTableHeader(line: string): TableLayout | null {
  if (/\d/.test(line)) return null;
  const cells = splitCells(line);
  if (cells.length < 3) return null;
  const find = (pattern: RegExp): number | null => {
    const index = cells.findIndex((cell) => pattern.test(cell));
    return index < 0 ? null : index;
  };
  const name = find(NAME_HEADER);
  const value = find(VALUE_HEADER);
  if (name === null || value === null) return null;
  return { columns: cells.length, name, value, unit: find(UNIT_HEADER), range: find(RANGE_HEADER) };
}

/**
 * One row read through the header's layout, or null when it does not fit (wrong number of
 * cells, no number in the result column, no plausible name).
 *
 * @example
 * ```ts
 * parseTableRow('Hemoglobin\t11.2\tL\tg/dL\t12.0-15.5', detectTableHeader('Test\tResult\tFlag\tUnits\tReference Range')!);
 * // { name: 'Hemoglobin', value: 11.2, valuePrefix: '', unit: 'g/dL', range: { low: 12, high: 15.5, … }, statedFlag: null }
 * ```
 */
export function parseTableRow(line: string, layout: TableLayout): ParsedLabLine | null {
  const cells = splitCells(line);
  if (cells.length !== layout.columns) return null;
  const name = tidyAnalyteName(cells[layout.name] ?? '');
  const [, comparator = '', printed] = VALUE_CELL.exec(cells[layout.value] ?? '') ?? [];
  const value = printed === undefined ? null : parseLabNumber(printed);
  if (value === null || !isPlausibleAnalyteName(name)) return null;
  const unit = layout.unit === null ? '' : displayUnit(cells[layout.unit] ?? '');
  const rangeCell = layout.range === null ? '' : (cells[layout.range] ?? '');
  return { name, value, valuePrefix: comparator as ValuePrefix, unit: unit.length > 50 ? '' : unit, range: rangeCell === '' ? null : findReferenceRange(rangeCell), statedFlag: null };
}
