/**
 * What the mock "model" answers, deterministically, for a normalised request:
 * - a lab report (a document or image in the last user turn, a request offering the
 *   `record_lab_interpretation` tool, or user text that reads as a lab report) → the lab
 *   interpreter's interpretation, as that tool's input when the tool is offered, else as JSON
 *   text; an image's text is what OCR reads in it (`readImage`), then treated as a PDF's text;
 * - a forced tool the mock knows nothing about → a minimal input valid for its schema;
 * - anything else → a chat answer from the system prompt and earlier turns.
 * Then stop sequences and the output budget cut it, and tokens are counted.
 * @module
 */
import { LAB_INTERPRETATION_TOOL } from '../../../../services/shared/src/interpretation/lab-interpretation.ts';
import { applyStopSequences, truncateToTokens } from './answer-limits.ts';
import { documentText, type DocumentText } from './document-text.ts';
import {
  answerChatQuestion,
  estimateTokens,
  interpretLabReport,
  unreadableDocumentInterpretation,
} from './lab-interpreter/index.ts';
import type { DocumentPart, ImagePart, ModelRequest, RequestPart, Turn } from './model-request.ts';
import { countInputTokens } from './token-count.ts';
import { toolInputExample } from './tool-input-example.ts';

/** The tool Serenya's document prompt offers (services/shared/src/interpretation). */
export const LAB_TOOL_NAME = LAB_INTERPRETATION_TOOL.name;

/** User text with at least this many recognisable lab values is treated as a pasted report. */
const LAB_REPORT_MIN_VALUES = 3;

/** Said after a tool result when the user adds no question. */
export const TOOL_RESULT_ACKNOWLEDGEMENT = 'Thank you. I have received the tool result.';

export type AnswerBlock =
  | { type: 'text'; text: string }
  | {
      type: 'toolUse';
      name: string;
      /** The tool input; `{}` when the budget cut the JSON short. */
      input: Record<string, unknown>;
      /** The input as streamed: complete JSON, or a prefix of it when cut short. */
      inputJson: string;
    };

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence';

/** One answer, in neither API's shape yet. */
export interface ModelAnswer {
  content: AnswerBlock[];
  stopReason: StopReason;
  stopSequence: string | null;
  inputTokens: number;
  outputTokens: number;
}

type Draft = { type: 'text'; text: string } | { type: 'toolUse'; name: string; input: Record<string, unknown> };

/** A document's or an image's text, by part. */
type Extracted = ReadonlyMap<DocumentPart | ImagePart, DocumentText>;

export interface ComposeOptions {
  /** The text in an image (OCR, see `image-text.ts`); without it every image is unreadable. */
  readImage?: (bytes: Uint8Array) => Promise<string>;
}

/**
 * The answer to `request`.
 *
 * @example
 * ```ts
 * const answer = await composeAnswer(parseConverseRequest(body, model), { readImage: reader.read });
 * answer.stopReason; // 'tool_use' for a lab report offered the interpretation tool
 * ```
 */
export async function composeAnswer(request: ModelRequest, options: ComposeOptions = {}): Promise<ModelAnswer> {
  const extracted = new Map<DocumentPart | ImagePart, DocumentText>();
  for (const part of request.turns.flatMap((turn) => allParts(turn.parts))) {
    if (part.kind === 'document') extracted.set(part, await documentText(part));
    else if (part.kind === 'image') extracted.set(part, await imageText(part, options.readImage));
  }
  const inputTokens = countInputTokens(request, (part) => {
    // An image is charged by its size, not by the text read from it.
    const text = part.kind === 'document' ? extracted.get(part) : undefined;
    return text?.readable === true ? text.text : undefined;
  });
  return limit(draftAnswer(request, extracted), request, inputTokens);
}

/** An image's text as a document's: readable when OCR found any. */
async function imageText(part: ImagePart, readImage: ComposeOptions['readImage']): Promise<DocumentText> {
  const text = readImage === undefined ? '' : await readImage(part.bytes);
  return text.trim() === '' ? { readable: false } : { readable: true, text };
}

function draftAnswer(request: ModelRequest, extracted: Extracted): Draft {
  const tools = request.toolChoice.type === 'none' ? [] : request.tools;
  const labToolOffered = tools.some((tool) => tool.name === LAB_TOOL_NAME);
  const forced =
    request.toolChoice.type === 'tool'
      ? request.toolChoice.name
      : request.toolChoice.type === 'any'
        ? labToolOffered
          ? LAB_TOOL_NAME
          : tools[0]?.name
        : undefined;
  if (forced !== undefined && forced !== LAB_TOOL_NAME) {
    const schema = tools.find((tool) => tool.name === forced)?.inputSchema;
    const example = toolInputExample(schema);
    return { type: 'toolUse', name: forced, input: isRecord(example) ? example : {} };
  }

  const lastIndex = request.turns.findLastIndex((turn) => turn.role === 'user');
  const last = request.turns[lastIndex]?.parts ?? [];
  const documents = last.filter((part): part is DocumentPart => part.kind === 'document');
  const images = last.filter((part): part is ImagePart => part.kind === 'image');
  const userText = textOf(last);
  const answersToolResult = last.some((part) => part.kind === 'toolResult') && documents.length === 0 && images.length === 0;

  let interpretation: Record<string, unknown> | undefined;
  if (documents.length > 0 || images.length > 0) interpretation = interpretAttachments(documents, images, extracted);
  else if (forced === LAB_TOOL_NAME || (!answersToolResult && (labToolOffered || looksLikeLabReport(userText)))) {
    interpretation = interpretText(userText);
  }
  if (interpretation !== undefined) {
    if (labToolOffered) return { type: 'toolUse', name: LAB_TOOL_NAME, input: interpretation };
    return { type: 'text', text: JSON.stringify(interpretation, null, 2) };
  }

  if (answersToolResult && userText.trim() === '') return { type: 'text', text: TOOL_RESULT_ACKNOWLEDGEMENT };
  const context = [...request.system, ...request.turns.slice(0, Math.max(0, lastIndex)).map((turn) => turnText(turn, extracted))]
    .filter((text) => text !== '')
    .join('\n\n');
  return { type: 'text', text: answerChatQuestion({ context, question: userText }) };
}

/**
 * The documents' and images' text read as one report. Images alone in which OCR finds no lab
 * value (a photo of something else, a blur, noise read as a few letters) keep the "could not
 * read this image" answer rather than "not a lab report".
 */
function interpretAttachments(documents: readonly DocumentPart[], images: readonly ImagePart[], extracted: Extracted): Record<string, unknown> {
  const readable = (parts: readonly (DocumentPart | ImagePart)[]): string[] =>
    parts.flatMap((part) => {
      const text = extracted.get(part);
      return text?.readable === true ? [text.text] : [];
    });
  const documentTexts = readable(documents);
  const texts = [...documentTexts, ...readable(images)];
  if (texts.length > 0) {
    const interpretation = interpretLabReport(texts.join('\n\n'));
    if (documentTexts.length > 0 || interpretation.labValues.length > 0) return toRecord(interpretation);
  }
  return toRecord(unreadableDocumentInterpretation(images.length > 0 ? 'image' : 'no_text'));
}

/** Text without any analyte line gives the interpreter's 'not_a_lab_report' answer. */
function interpretText(text: string): Record<string, unknown> {
  return toRecord(interpretLabReport(text));
}

function looksLikeLabReport(text: string): boolean {
  return text.trim() !== '' && interpretLabReport(text).labValues.length >= LAB_REPORT_MIN_VALUES;
}

/** Stop sequences, then the output budget; counts output tokens. */
function limit(draft: Draft, request: ModelRequest, inputTokens: number): ModelAnswer {
  const { maxTokens } = request;
  if (draft.type === 'toolUse') {
    const json = JSON.stringify(draft.input);
    const cut = truncateToTokens(json, maxTokens);
    if (cut.truncated) {
      return {
        content: [{ type: 'toolUse', name: draft.name, input: {}, inputJson: cut.text }],
        stopReason: 'max_tokens',
        stopSequence: null,
        inputTokens,
        outputTokens: maxTokens,
      };
    }
    return {
      content: [{ type: 'toolUse', name: draft.name, input: draft.input, inputJson: json }],
      stopReason: 'tool_use',
      stopSequence: null,
      inputTokens,
      outputTokens: Math.max(1, estimateTokens(json)),
    };
  }
  const stopped = applyStopSequences(draft.text, request.stopSequences);
  const cut = truncateToTokens(stopped.text, maxTokens);
  return {
    content: [{ type: 'text', text: cut.text }],
    stopReason: cut.truncated ? 'max_tokens' : stopped.stopReason,
    stopSequence: cut.truncated ? null : stopped.stopSequence,
    inputTokens,
    // A cut answer used the whole budget, as Claude reports it.
    outputTokens: cut.truncated ? maxTokens : Math.max(1, estimateTokens(cut.text)),
  };
}

/** Parts, with those nested in tool results. */
function allParts(parts: readonly RequestPart[]): RequestPart[] {
  return parts.flatMap((part) => (part.kind === 'toolResult' ? [part, ...allParts(part.content)] : [part]));
}

function textOf(parts: readonly RequestPart[]): string {
  return parts
    .flatMap((part) => (part.kind === 'text' ? [part.text] : []))
    .join('\n')
    .trim();
}

/** An earlier turn as context: its text, tool traffic, readable documents and images. */
function turnText(turn: Turn, extracted: Extracted): string {
  return allParts(turn.parts)
    .flatMap((part) => {
      if (part.kind === 'text') return [part.text];
      if (part.kind === 'toolUse') return [JSON.stringify(part.input)];
      if (part.kind === 'document' || part.kind === 'image') {
        const text = extracted.get(part);
        return text?.readable === true ? [text.text] : [];
      }
      return [];
    })
    .join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Interpretations are plain JSON objects; tool inputs are typed as records. */
function toRecord(value: object): Record<string, unknown> {
  return value as Record<string, unknown>;
}
