/**
 * The report's title: its first heading line that names a panel ("Complete Blood Count",
 * "Lipid Panel", "Thyroid Function Tests"), else "Lab results".
 * @module
 */
import { parseLabLine } from './parse-lab-line.ts';

export const DEFAULT_TITLE = 'Lab results';

const PANEL_WORDS =
  /\b(?:panel|profile|blood count|cbc|function tests?|function|studies|screen(?:ing)?|chemistry|biochemistry|hematology|haematology|metabolic|lipids?|thyroid|electrolytes|urinalysis|iron studies|vitamins?)\b/i;
const MAX_TITLE_WORDS = 8;

/**
 * The title, as printed (markdown `#`, `=`/`*` decoration and a trailing colon removed).
 * A heading is a short line (at most 8 words) that has a panel word, no `label: value`
 * colon, and is not itself an analyte line.
 *
 * @example
 * ```ts
 * findTitle('Synthetic Lab\nLIPID PANEL\nLDL 162 mg/dL <100'); // 'LIPID PANEL'
 * findTitle('LDL 162 mg/dL <100');                             // 'Lab results'
 * ```
 */
export function findTitle(text: string): string {
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw
      .replace(/^[\s#=*_-]+|[\s=*_:-]+$/g, '')
      .replace(/\s+/g, ' ');
    if (line.length < 3 || line.length > 80 || line.split(' ').length > MAX_TITLE_WORDS) continue;
    if (line.includes(':') || !PANEL_WORDS.test(line) || parseLabLine(line) !== null) continue;
    return line;
  }
  return DEFAULT_TITLE;
}
