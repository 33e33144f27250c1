/**
 * Where a generated answer stops: at the first stop sequence, or where the output budget
 * (`max_tokens` / `maxTokens`) runs out, as measured by the lab interpreter's token estimate.
 * @module
 */
import { estimateTokens } from './lab-interpreter/index.ts';

export type LimitedStop = 'end_turn' | 'stop_sequence' | 'max_tokens';

export interface LimitedText {
  text: string;
  stopReason: LimitedStop;
  /** The stop sequence that ended the text, else null. */
  stopSequence: string | null;
}

/**
 * `text` cut before the earliest stop sequence, if any occurs.
 *
 * @example
 * ```ts
 * applyStopSequences('one\n\nHuman: two', ['\n\nHuman:']); // { text: 'one', stopReason: 'stop_sequence', stopSequence: '\n\nHuman:' }
 * ```
 */
export function applyStopSequences(text: string, stopSequences: readonly string[]): LimitedText {
  let cut: { at: number; sequence: string } | undefined;
  for (const sequence of stopSequences) {
    const at = sequence === '' ? -1 : text.indexOf(sequence);
    if (at >= 0 && (cut === undefined || at < cut.at)) cut = { at, sequence };
  }
  return cut === undefined ? { text, stopReason: 'end_turn', stopSequence: null } : { text: text.slice(0, cut.at), stopReason: 'stop_sequence', stopSequence: cut.sequence };
}

/**
 * The longest prefix of `text` whose token estimate fits `maxTokens` (backed off to a word
 * boundary when one is near), or `text` itself when it fits.
 *
 * @example
 * ```ts
 * truncateToTokens(longAnswer, 16); // { text: 'The first few words', truncated: true }
 * ```
 */
export function truncateToTokens(text: string, maxTokens: number): { text: string; truncated: boolean } {
  if (estimateTokens(text) <= maxTokens) return { text, truncated: false };
  // The estimate grows with the prefix length, so the fitting length can be bisected.
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (estimateTokens(text.slice(0, middle)) <= maxTokens) low = middle;
    else high = middle - 1;
  }
  const boundary = text.lastIndexOf(' ', low);
  const end = boundary > 0 && low - boundary < 16 ? boundary : low;
  return { text: text.slice(0, end), truncated: true };
}
