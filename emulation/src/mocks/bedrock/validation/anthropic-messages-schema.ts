/**
 * The Anthropic Messages body InvokeModel takes for Claude (`anthropic_version:
 * "bedrock-2023-05-31"`), as strict as Bedrock's JSON schema: unknown keys such as `model` or
 * `stream` are refused.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html
 * @see /work/shared/docs/BEDROCK.md §2.6
 * @module
 */
import { z } from 'zod';

/**
 * JSON-schema `integer`. zod reports a string here as "expected number"; the message marks
 * the member as an integer so the violation can say `expected type: Integer` as Bedrock does.
 */
export const INTEGER_MARK = 'Integer';
const integer = () => z.int({ error: INTEGER_MARK });

const cacheControl = z.strictObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() });

const textBlock = z.strictObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl.optional(),
  citations: z.array(z.unknown()).nullable().optional(),
});

const imageBlock = z.strictObject({
  type: z.literal('image'),
  source: z.strictObject({
    type: z.literal('base64'),
    media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
    data: z.string(),
  }),
  cache_control: cacheControl.optional(),
});

const documentBlock = z.strictObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('base64'), media_type: z.literal('application/pdf'), data: z.string() }),
    z.strictObject({ type: z.literal('text'), media_type: z.literal('text/plain'), data: z.string() }),
  ]),
  title: z.string().optional(),
  context: z.string().optional(),
  citations: z.strictObject({ enabled: z.boolean() }).optional(),
  cache_control: cacheControl.optional(),
});

const toolUseBlock = z.strictObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl.optional(),
});

const toolResultBlock = z.strictObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(z.discriminatedUnion('type', [textBlock, imageBlock, documentBlock]))]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl.optional(),
});

const thinkingBlock = z.strictObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
const redactedThinkingBlock = z.strictObject({ type: z.literal('redacted_thinking'), data: z.string() });

const anthropicContentBlockSchema = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock,
]);
export type AnthropicContentBlock = z.infer<typeof anthropicContentBlockSchema>;

const message = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(anthropicContentBlockSchema)]),
});

/** A client tool; Anthropic's server tools (`type: "bash_20250124"` …) pass unchecked. */
const customTool = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  cache_control: cacheControl.optional(),
  type: z.literal('custom').optional(),
});
const serverTool = z.looseObject({ type: z.string().regex(/_\d{8}$/), name: z.string() });

const toolChoiceOptions = { disable_parallel_tool_use: z.boolean().optional() };
const toolChoice = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auto'), ...toolChoiceOptions }),
  z.strictObject({ type: z.literal('any'), ...toolChoiceOptions }),
  z.strictObject({ type: z.literal('tool'), name: z.string(), ...toolChoiceOptions }),
  z.strictObject({ type: z.literal('none') }),
]);

/**
 * The InvokeModel body for Anthropic models.
 *
 * @example
 * ```ts
 * anthropicMessagesBodySchema.safeParse({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] });
 * ```
 */
export const anthropicMessagesBodySchema = z.strictObject({
  anthropic_version: z.literal('bedrock-2023-05-31'),
  anthropic_beta: z.array(z.string()).optional(),
  max_tokens: integer().min(1),
  messages: z.array(message).min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: integer().min(0).optional(),
  stop_sequences: z.array(z.string()).optional(),
  tools: z.array(z.union([customTool, serverTool])).optional(),
  tool_choice: toolChoice.optional(),
  thinking: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('enabled'), budget_tokens: integer().min(1_024) }),
      z.strictObject({ type: z.literal('disabled') }),
    ])
    .optional(),
});
export type AnthropicMessagesBody = z.infer<typeof anthropicMessagesBodySchema>;
