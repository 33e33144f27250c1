/**
 * Converse / ConverseStream body → {@link ModelRequest}: the service model's constraints
 * (Coral's "N validation errors detected" texts), then Bedrock's own conversation and
 * document rules, whose texts are mirrored from real answers.
 * @see /work/shared/docs/BEDROCK.md §2.8
 * @module
 */
import { base64Length } from './base64-length.ts';
import { BedrockError } from './errors.ts';
import type { DocumentPart, ModelRequest, RequestPart, ToolChoice, ToolDefinition, Turn } from './model-request.ts';
import type { ResolvedModel } from './models.ts';
import { converseBodySchema, type ConverseBody, type ConverseContentBlock } from './validation/converse-schema.ts';
import { coralValidationMessage } from './validation/coral-violations.ts';
import { checkToolPairing, type ToolPairingMessages } from './validation/tool-pairing.ts';

/** Converse's per-request limits (BEDROCK.md §2.8). */
export const CONVERSE_LIMITS = {
  documents: 5,
  documentBytes: 4.5 * 1024 * 1024,
  images: 20,
  imageBytes: 3.75 * 1024 * 1024,
} as const;

/** Alphanumerics, whitespace, hyphens, parentheses, square brackets; never two spaces in a row. */
const DOCUMENT_NAME = /^[A-Za-z0-9\s()[\]-]+$/;

/** Errors Claude raises behind Converse reach the caller with this prefix. */
const MODEL_ERROR_PREFIX = 'The model returned the following errors: ';

const invalid = (message: string): BedrockError => new BedrockError('ValidationException', message);

const CONVERSE_PAIRING: ToolPairingMessages = {
  missingResults: (index, ids) => `Expected toolResult blocks at messages.${String(index)}.content for the following Ids: ${ids.join(', ')}`,
  unexpectedResults: (index) =>
    `The number of toolResult blocks at messages.${String(index)}.content exceeds the number of toolUse blocks of previous turn.`,
};

type ConverseMessage = NonNullable<ConverseBody['messages']>[number];
type ConverseImage = NonNullable<ConverseContentBlock['image']>;
type ConverseDocument = NonNullable<ConverseContentBlock['document']>;

/**
 * Parses and validates a raw Converse body for `model`; throws ValidationException.
 *
 * @example
 * ```ts
 * const request = parseConverseRequest(bodyBytes, catalogue.resolve(modelId));
 * ```
 */
export function parseConverseRequest(raw: Uint8Array, model: ResolvedModel): ModelRequest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    throw invalid('Malformed input request, please reformat your input and try again.');
  }
  const parsed = converseBodySchema.safeParse(json);
  if (!parsed.success) throw invalid(coralValidationMessage(parsed.error.issues, json));
  const body = parsed.data;
  const messages = body.messages ?? [];
  checkConversation(messages);
  checkAttachments(messages);
  checkInference(body, model);

  const tools: ToolDefinition[] = (body.toolConfig?.tools ?? []).flatMap((tool) =>
    tool.toolSpec === undefined ? [] : [{ name: tool.toolSpec.name, description: tool.toolSpec.description ?? '', inputSchema: tool.toolSpec.inputSchema.json }],
  );
  const usesTools = messages.some((message) => message.content.some((block) => block.toolUse !== undefined || block.toolResult !== undefined));
  if (usesTools && body.toolConfig === undefined) throw invalid('The toolConfig field must be defined when using toolUse and toolResult content blocks.');
  checkToolPairing(
    messages.map((message) => ({
      role: message.role,
      toolUseIds: message.content.flatMap((block) => (block.toolUse === undefined ? [] : [block.toolUse.toolUseId])),
      toolResultIds: message.content.flatMap((block) => (block.toolResult === undefined ? [] : [block.toolResult.toolUseId])),
    })),
    CONVERSE_PAIRING,
  );
  const toolChoice = toToolChoice(body.toolConfig?.toolChoice, tools.length > 0);
  if (toolChoice.type === 'tool' && !tools.some((tool) => tool.name === toolChoice.name)) {
    throw invalid(`${MODEL_ERROR_PREFIX}tool_choice.name: Tool '${toolChoice.name}' not found in provided tools`);
  }

  const turns: Turn[] = messages.map((message) => ({ role: message.role, parts: message.content.flatMap(toParts) }));
  return {
    model,
    system: (body.system ?? []).flatMap((block) => (block.text === undefined ? [] : [block.text])),
    turns,
    tools,
    toolChoice,
    maxTokens: body.inferenceConfig?.maxTokens ?? model.maxOutputTokens,
    stopSequences: body.inferenceConfig?.stopSequences ?? [],
  };
}

function checkConversation(messages: readonly ConverseMessage[]): void {
  if (messages[0]?.role !== 'user') {
    throw invalid('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  }
  messages.forEach((message, index) => {
    if (index > 0 && messages[index - 1]?.role === message.role) {
      throw invalid(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    }
    if (message.content.length === 0) {
      throw invalid(`The content field in the Message object at messages.${String(index)} is empty. Add a ContentBlock object to the content field and try again.`);
    }
    message.content.forEach((block, blockIndex) => {
      if (block.text !== undefined && block.text.trim() === '') {
        throw invalid(
          `The text field in the ContentBlock object at messages.${String(index)}.content.${String(blockIndex)} is blank. Add text to the text field, and try again.`,
        );
      }
    });
  });
}

function checkAttachments(messages: readonly ConverseMessage[]): void {
  const documents = messages.flatMap((message) => message.content.flatMap((block) => (block.document === undefined ? [] : [block.document])));
  const images = messages.flatMap((message) => message.content.flatMap((block) => (block.image === undefined ? [] : [block.image])));
  if (documents.length > CONVERSE_LIMITS.documents) throw invalid("You can't include more than 5 documents in a request.");
  if (images.length > CONVERSE_LIMITS.images) throw invalid("You can't include more than 20 images in a request.");
  const names = new Set<string>();
  for (const document of documents) {
    if (!DOCUMENT_NAME.test(document.name) || /\s{2,}/.test(document.name)) {
      throw invalid(
        "The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one consecutive whitespace character.",
      );
    }
    if (names.has(document.name)) throw invalid("Messages can't contain duplicate document names.");
    names.add(document.name);
    if (document.source.s3Location !== undefined) throw invalid('The mock cannot read S3 locations; send the document as bytes or text.');
    if (document.source.bytes !== undefined && base64Length(document.source.bytes) > CONVERSE_LIMITS.documentBytes) {
      throw invalid('The document file size exceeds the maximum of 4.5 MB.');
    }
  }
  for (const image of images) {
    if (image.source.s3Location !== undefined) throw invalid('The mock cannot read S3 locations; send the image as bytes.');
    if (base64Length(image.source.bytes ?? '') > CONVERSE_LIMITS.imageBytes) throw invalid('The image file size exceeds the maximum of 3.75 MB.');
  }
  messages.forEach((message) => {
    const hasDocument = message.content.some((block) => block.document !== undefined);
    if (hasDocument && !message.content.some((block) => block.text !== undefined)) throw invalid('A text block must be included when using documents.');
  });
}

function checkInference(body: ConverseBody, model: ResolvedModel): void {
  const maxTokens = body.inferenceConfig?.maxTokens;
  if (maxTokens !== undefined && maxTokens > model.maxOutputTokens) {
    const limit = String(model.maxOutputTokens);
    throw invalid(`The maximum tokens you requested exceeds the model limit of ${limit}. Try again with a maximum tokens value that is lower than ${limit}.`);
  }
  if (model.exclusiveSampling && body.inferenceConfig?.temperature !== undefined && body.inferenceConfig.topP !== undefined) {
    throw invalid(`${MODEL_ERROR_PREFIX}\`temperature\` and \`top_p\` cannot both be specified for this model. Please use only one.`);
  }
}

function toParts(block: ConverseContentBlock): RequestPart[] {
  if (block.text !== undefined) return [{ kind: 'text', text: block.text }];
  if (block.image !== undefined) return [imagePart(block.image)];
  if (block.document !== undefined) return [documentPart(block.document)];
  if (block.toolUse !== undefined) return [{ kind: 'toolUse', id: block.toolUse.toolUseId, name: block.toolUse.name, input: block.toolUse.input }];
  if (block.toolResult !== undefined) {
    const content = block.toolResult.content.flatMap((item): RequestPart[] => {
      if (item.text !== undefined) return [{ kind: 'text', text: item.text }];
      if (item.json !== undefined) return [{ kind: 'text', text: JSON.stringify(item.json) }];
      if (item.image !== undefined) return [imagePart(item.image)];
      if (item.document !== undefined) return [documentPart(item.document)];
      return [];
    });
    return [{ kind: 'toolResult', id: block.toolResult.toolUseId, content, isError: block.toolResult.status === 'error' }];
  }
  // cachePoint, reasoning, guard content, video, audio …: nothing the mock answers from.
  return [];
}

function imagePart(image: ConverseImage): RequestPart {
  const data = image.source.bytes ?? '';
  return { kind: 'image', format: image.format, bytes: Buffer.from(data, 'base64') };
}

function documentPart(document: ConverseDocument): DocumentPart {
  const { source } = document;
  const inline = source.text ?? source.content?.map((item) => item.text).join('\n');
  if (inline !== undefined) return { kind: 'document', format: document.format ?? 'txt', name: document.name, text: inline };
  return { kind: 'document', format: document.format ?? 'pdf', name: document.name, bytes: Buffer.from(source.bytes ?? '', 'base64') };
}

function toToolChoice(choice: NonNullable<ConverseBody['toolConfig']>['toolChoice'], hasTools: boolean): ToolChoice {
  if (choice?.tool !== undefined) return { type: 'tool', name: choice.tool.name };
  if (choice?.any !== undefined) return { type: 'any' };
  return hasTools ? { type: 'auto' } : { type: 'none' };
}
