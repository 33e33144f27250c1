/**
 * Token counts for the mock's usage figures (input and output tokens in responses and
 * metering), so cost accounting downstream has realistic numbers to work with.
 * @module
 */

/** Characters per token: Anthropic's rough guide is about 3.5 to 4 characters per token for English text. */
export const CHARACTERS_PER_TOKEN = 4;

/**
 * An estimate of how many tokens Claude's tokenizer would count: `ceil(characters / 4)`,
 * at least 1. Anthropic's rule of thumb for English is about 3.5-4 characters per token;
 * 4 is the simple end of it. Characters are UTF-16 code units (`text.length`), which for
 * the Latin text of lab reports and chats is the same as characters. It is an estimate for
 * the mock's usage figures, not a tokenizer: real counts differ, more so for numbers,
 * symbols and non-Latin scripts, which tokenize denser.
 *
 * @example
 * ```ts
 * estimateTokens('Hemoglobin 11.2 g/dL'); // 5 (20 characters)
 * estimateTokens('');                      // 1
 * ```
 */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / CHARACTERS_PER_TOKEN));
}
