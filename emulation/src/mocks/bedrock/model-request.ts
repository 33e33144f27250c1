/**
 * One shape for what both APIs ask of the model. InvokeModel's Anthropic Messages body and
 * Converse's JSON are validated by their own schemas and then normalised into a
 * `ModelRequest`, so the answer (chat, lab interpretation, tool use), the token counting and
 * the limits are computed once for all four operations.
 * @module
 */
import type { ResolvedModel } from './models.ts';

/** A document as sent: PDF bytes, other bytes (txt, md, html, csv …) or inline text. */
export interface DocumentPart {
  kind: 'document';
  /** `pdf`, `txt`, `md`, `html`, `csv`, `doc`, `docx`, `xls`, `xlsx`. */
  format: string;
  name: string;
  bytes?: Uint8Array;
  text?: string;
}

/** An image as sent (`png`, `jpeg`, `gif`, `webp`); the mock reads its text with OCR. */
export interface ImagePart {
  kind: 'image';
  format: string;
  bytes: Uint8Array;
}

export type RequestPart =
  | { kind: 'text'; text: string }
  | DocumentPart
  | ImagePart
  | { kind: 'toolUse'; id: string; name: string; input: unknown }
  | { kind: 'toolResult'; id: string; content: RequestPart[]; isError: boolean };

export interface Turn {
  role: 'user' | 'assistant';
  parts: RequestPart[];
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** The tool's JSON Schema, as sent. */
  inputSchema: unknown;
}

export type ToolChoice = { type: 'auto' } | { type: 'any' } | { type: 'tool'; name: string } | { type: 'none' };

/** What the model is asked, whichever API asked it. */
export interface ModelRequest {
  model: ResolvedModel;
  system: string[];
  turns: Turn[];
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  /** The output budget: `max_tokens`, `inferenceConfig.maxTokens`, or the model's maximum. */
  maxTokens: number;
  stopSequences: string[];
}
