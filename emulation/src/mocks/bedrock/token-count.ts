/**
 * The mock's input-token count. Real Claude counts with its tokenizer; the mock uses the lab
 * interpreter's `estimateTokens` over every piece of input text, plus a fixed amount per image.
 * See README.md ("Token usage") for the exact rule.
 * @module
 */
import { estimateTokens } from './lab-interpreter/index.ts';
import type { ModelRequest, RequestPart } from './model-request.ts';

/**
 * Tokens charged per image whatever its size: about what Claude charges for a 1.15-megapixel
 * image (width × height / 750 ≈ 1,600), the size Anthropic recommends.
 * @see https://docs.claude.com/en/docs/build-with-claude/vision
 */
export const IMAGE_INPUT_TOKENS = 1_600;

/**
 * Input tokens of `request`, given the text read from each document part (unreadable ones
 * count as their name only).
 *
 * @example
 * ```ts
 * const inputTokens = countInputTokens(request, (part) => extracted.get(part));
 * ```
 */
export function countInputTokens(request: ModelRequest, documentText: (part: RequestPart) => string | undefined): number {
  const texts: string[] = [...request.system];
  let images = 0;
  for (const tool of request.tools) texts.push(tool.name, tool.description, JSON.stringify(tool.inputSchema ?? {}));
  const visit = (part: RequestPart): void => {
    switch (part.kind) {
      case 'text':
        texts.push(part.text);
        break;
      case 'document':
        texts.push(part.name, documentText(part) ?? '');
        break;
      case 'image':
        images += 1;
        break;
      case 'toolUse':
        texts.push(part.name, JSON.stringify(part.input ?? {}));
        break;
      case 'toolResult':
        part.content.forEach(visit);
        break;
    }
  };
  for (const turn of request.turns) turn.parts.forEach(visit);
  return Math.max(1, estimateTokens(texts.filter((text) => text !== '').join('\n')) + images * IMAGE_INPUT_TOKENS);
}
