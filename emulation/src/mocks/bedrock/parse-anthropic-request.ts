/**
 * InvokeModel body → {@link ModelRequest}. First the JSON schema (Bedrock's "Malformed input
 * request" texts), then the checks Claude itself makes, whose texts Bedrock passes through
 * unchanged (`messages: text content blocks must be non-empty` …).
 * @see /work/shared/docs/BEDROCK.md §2.6
 * @module
 */
import { BedrockError } from './errors.ts';
import type { ModelRequest, RequestPart, ToolChoice, ToolDefinition, Turn } from './model-request.ts';
import type { ResolvedModel } from './models.ts';
import { anthropicSchemaMessage } from './validation/anthropic-violations.ts';
import {
  anthropicMessagesBodySchema,
  type AnthropicContentBlock,
  type AnthropicMessagesBody,
} from './validation/anthropic-messages-schema.ts';
import { checkToolPairing, type ToolPairingMessages } from './validation/tool-pairing.ts';

const invalid = (message: string): BedrockError => new BedrockError('ValidationException', message);

/** Claude's own texts for broken tool_use / tool_result pairs. */
const ANTHROPIC_PAIRING: ToolPairingMessages = {
  missingResults: (index, ids) =>
    `messages.${String(index)}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${ids.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
  unexpectedResults: (index, ids) =>
    `messages.${String(index)}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${ids.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
};

/**
 * Parses and validates the raw InvokeModel body for `model`; throws ValidationException.
 *
 * @example
 * ```ts
 * const request = parseAnthropicRequest(bodyBytes, catalogue.resolve(modelId));
 * ```
 */
export function parseAnthropicRequest(raw: Uint8Array, model: ResolvedModel): ModelRequest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    throw invalid('Malformed input request, please reformat your input and try again.');
  }
  const parsed = anthropicMessagesBodySchema.safeParse(json);
  if (!parsed.success) throw invalid(anthropicSchemaMessage(parsed.error.issues, json));
  const body = parsed.data;
  checkClaudeRules(body, model);

  const turns: Turn[] = body.messages.map((message) => ({
    role: message.role,
    parts: typeof message.content === 'string' ? [{ kind: 'text', text: message.content }] : message.content.flatMap(toPart),
  }));
  const tools: ToolDefinition[] = (body.tools ?? []).flatMap((tool) =>
    'input_schema' in tool ? [{ name: tool.name, description: typeof tool.description === 'string' ? tool.description : '', inputSchema: tool.input_schema }] : [],
  );
  return {
    model,
    system: typeof body.system === 'string' ? [body.system] : (body.system ?? []).map((block) => block.text),
    turns,
    tools,
    toolChoice: toToolChoice(body.tool_choice, tools.length > 0),
    maxTokens: body.max_tokens,
    stopSequences: body.stop_sequences ?? [],
  };
}

/** The checks behind Claude's own 400s, in the order the API reports them. */
function checkClaudeRules(body: AnthropicMessagesBody, model: ResolvedModel): void {
  if (body.max_tokens > model.maxOutputTokens) {
    throw invalid(
      `max_tokens: ${String(body.max_tokens)} > ${String(model.maxOutputTokens)}, which is the maximum allowed number of output tokens for ${model.anthropicName}`,
    );
  }
  if (model.exclusiveSampling && body.temperature !== undefined && body.top_p !== undefined) {
    throw invalid('`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
  }
  const { messages } = body;
  if (messages[0]?.role !== 'user') throw invalid('messages: first message must use the "user" role');
  messages.forEach((message, index) => {
    const previous = messages[index - 1];
    if (previous !== undefined && previous.role === message.role) {
      throw invalid(`messages: roles must alternate between "user" and "assistant", but found multiple "${message.role}" roles in a row`);
    }
    const isFinalAssistant = index === messages.length - 1 && message.role === 'assistant';
    if (message.content.length === 0 && !isFinalAssistant) {
      throw invalid('messages: all messages must have non-empty content except for the optional final assistant message');
    }
    if (typeof message.content !== 'string') {
      message.content.forEach((block, blockIndex) => {
        if (block.type === 'text' && block.text.trim() === '') {
          throw invalid(`messages.${String(index)}.content.${String(blockIndex)}.text: text content blocks must be non-empty`);
        }
      });
    }
  });
  const usesTools = messages.some(
    (message) => typeof message.content !== 'string' && message.content.some((block) => block.type === 'tool_use' || block.type === 'tool_result'),
  );
  if (usesTools && (body.tools ?? []).length === 0) throw invalid('Requests which include `tool_use` or `tool_result` blocks must define tools.');
  checkToolPairing(
    messages.map((message) => ({
      role: message.role,
      toolUseIds: typeof message.content === 'string' ? [] : message.content.flatMap((block) => (block.type === 'tool_use' ? [block.id] : [])),
      toolResultIds:
        typeof message.content === 'string' ? [] : message.content.flatMap((block) => (block.type === 'tool_result' ? [block.tool_use_id] : [])),
    })),
    ANTHROPIC_PAIRING,
  );
  const choice = body.tool_choice;
  if (choice?.type === 'tool' && !(body.tools ?? []).some((tool) => tool.name === choice.name)) {
    throw invalid(`tool_choice.name: Tool '${choice.name}' not found in provided tools`);
  }
}

function toPart(block: AnthropicContentBlock): RequestPart[] {
  switch (block.type) {
    case 'text':
      return [{ kind: 'text', text: block.text }];
    case 'image':
      return [
        {
          kind: 'image',
          format: block.source.media_type.replace('image/', ''),
          bytes: Buffer.from(block.source.data, 'base64'),
        },
      ];
    case 'document':
      return block.source.type === 'base64'
        ? [{ kind: 'document', format: 'pdf', name: block.title ?? 'document', bytes: Buffer.from(block.source.data, 'base64') }]
        : [{ kind: 'document', format: 'txt', name: block.title ?? 'document', text: block.source.data }];
    case 'tool_use':
      return [{ kind: 'toolUse', id: block.id, name: block.name, input: block.input }];
    case 'tool_result': {
      const content = block.content === undefined ? [] : typeof block.content === 'string' ? [{ type: 'text' as const, text: block.content }] : block.content;
      return [{ kind: 'toolResult', id: block.tool_use_id, content: content.flatMap(toPart), isError: block.is_error ?? false }];
    }
    case 'thinking':
      return [{ kind: 'text', text: block.thinking }];
    case 'redacted_thinking':
      return [];
  }
}

function toToolChoice(choice: AnthropicMessagesBody['tool_choice'], hasTools: boolean): ToolChoice {
  if (choice === undefined) return hasTools ? { type: 'auto' } : { type: 'none' };
  if (choice.type === 'tool') return { type: 'tool', name: choice.name };
  return { type: choice.type };
}
