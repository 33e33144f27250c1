/**
 * How a streamed answer is cut into deltas. Claude streams a few tokens per delta, so text
 * goes out in groups of words, tool input JSON in short slices; concatenating the deltas
 * always gives back the input exactly.
 * @module
 */

/** A text delta closes once it holds at least this many characters (≈ 3 tokens). */
const TEXT_DELTA_MIN_CHARS = 12;
/** Tool-input JSON is streamed in slices of this many characters. */
const JSON_DELTA_CHARS = 48;

/**
 * Word-group deltas of `text`; `deltas.join('') === text`.
 *
 * @example
 * ```ts
 * splitTextDeltas('Your haemoglobin is within the range.'); // ['Your haemoglobin ', 'is within the ', 'range.']
 * ```
 */
export function splitTextDeltas(text: string): string[] {
  const deltas: string[] = [];
  let current = '';
  for (const piece of text.match(/\s+|\S+\s*/g) ?? []) {
    current += piece;
    if (current.length >= TEXT_DELTA_MIN_CHARS) {
      deltas.push(current);
      current = '';
    }
  }
  if (current !== '') deltas.push(current);
  return deltas;
}

/**
 * Fixed-size slices of a JSON text; `slices.join('') === json`.
 *
 * @example
 * ```ts
 * splitJsonDeltas('{"title":"Full blood count"}');
 * ```
 */
export function splitJsonDeltas(json: string): string[] {
  const slices: string[] = [];
  for (let at = 0; at < json.length; at += JSON_DELTA_CHARS) slices.push(json.slice(at, at + JSON_DELTA_CHARS));
  return slices;
}
