/**
 * All analyte lines of a report's text: table rows read through their header when there is
 * one, every other line through the free-form line parser.
 * @module
 */
import { parseLabLine, type ParsedLabLine } from './parse-lab-line.ts';
import { detectTableHeader, parseTableRow, type TableLayout } from './parse-lab-table.ts';

/** The contract allows at most 200 values per interpretation. */
export const MAX_LAB_VALUES = 200;

/**
 * Reads every analyte line, in report order (at most `MAX_LAB_VALUES`).
 *
 * @example
 * ```ts
 * parseLabLines('Lipid Panel\nLDL Cholesterol 162 mg/dL <100\nHDL 38 mg/dL >40').map((line) => line.name);
 * // ['LDL Cholesterol', 'HDL']
 * ```
 */
export function parseLabLines(text: string): ParsedLabLine[] {
  const parsed: ParsedLabLine[] = [];
  let layout: TableLayout | null = null;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const header = detectTableHeader(line);
    if (header !== null) {
      layout = header;
      continue;
    }
    const row = (layout === null ? null : parseTableRow(line, layout)) ?? parseLabLine(line);
    if (row !== null) parsed.push(row);
    if (parsed.length === MAX_LAB_VALUES) break;
  }
  return parsed;
}
