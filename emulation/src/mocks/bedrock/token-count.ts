/**
 * The mock's input-token count. Real Claude counts with its tokenizer; the mock uses the lab
 * interpreter's `estimateTokens` over every piece of input text, plus each image's charge by its
 * pixel size, as Anthropic documents it. See README.md ("Token usage") for the exact rule.
 * @module
 */
import { imageSize, type ImageSize } from './image-size.ts';
import { estimateTokens } from './lab-interpreter/index.ts';
import type { ModelRequest, RequestPart } from './model-request.ts';

/**
 * The most an image costs: Claude scales larger images down (long edge ≤ 1,568 px, about 1,600
 * tokens at most) before reading them. Also the charge for bytes whose size cannot be read.
 * @see https://docs.claude.com/en/docs/build-with-claude/vision ("Evaluate image size")
 */
export const IMAGE_INPUT_TOKENS = 1_600;
/** Claude's limit on an image's long edge before it is scaled down. */
const MAX_IMAGE_EDGE = 1_568;
/** Claude's estimate: one token per 750 pixels. */
const PIXELS_PER_TOKEN = 750;

/**
 * Input tokens of one image of `size`: `ceil(width × height / 750)` after scaling the long edge
 * down to 1,568 px, at most {@link IMAGE_INPUT_TOKENS}; unknown size → {@link IMAGE_INPUT_TOKENS}.
 *
 * @example
 * ```ts
 * imageInputTokens({ width: 1000, height: 1000 }); // 1334
 * imageInputTokens({ width: 200, height: 200 });   // 54
 * imageInputTokens(undefined);                     // 1600
 * ```
 */
export function imageInputTokens(size: ImageSize | undefined): number {
  if (size === undefined) return IMAGE_INPUT_TOKENS;
  const scale = Math.min(1, MAX_IMAGE_EDGE / Math.max(size.width, size.height));
  const pixels = Math.round(size.width * scale) * Math.round(size.height * scale);
  return Math.min(IMAGE_INPUT_TOKENS, Math.max(1, Math.ceil(pixels / PIXELS_PER_TOKEN)));
}

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
  let imageTokens = 0;
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
        imageTokens += imageInputTokens(imageSize(part.bytes));
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
  return Math.max(1, estimateTokens(texts.filter((text) => text !== '').join('\n')) + imageTokens);
}
