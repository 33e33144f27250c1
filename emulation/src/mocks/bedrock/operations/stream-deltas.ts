/**
 * An answer block cut into streamed deltas, each with its share of the output tokens, so a
 * stream is paced like the non-streamed answer of the same request takes in total.
 * @module
 */
import { splitJsonDeltas, splitTextDeltas } from '../chunking.ts';
import type { AnswerBlock, ModelAnswer } from '../compose-answer.ts';

export interface Delta {
  /** A text piece, or a slice of the tool input JSON. */
  piece: string;
  /** Output tokens this piece accounts for (fractional). */
  tokens: number;
}

/**
 * The deltas of `block`, with `answer.outputTokens` shared by character count over all blocks.
 *
 * @example
 * ```ts
 * blockDeltas(answer, answer.content[0]).map((delta) => delta.piece).join(''); // the block's text
 * ```
 */
export function blockDeltas(answer: ModelAnswer, block: AnswerBlock): Delta[] {
  const totalChars = answer.content.reduce((sum, each) => sum + blockSource(each).length, 0);
  const tokensPerChar = totalChars === 0 ? 0 : answer.outputTokens / totalChars;
  const pieces = block.type === 'text' ? splitTextDeltas(block.text) : splitJsonDeltas(block.inputJson);
  return pieces.map((piece) => ({ piece, tokens: piece.length * tokensPerChar }));
}

function blockSource(block: AnswerBlock): string {
  return block.type === 'text' ? block.text : block.inputJson;
}
