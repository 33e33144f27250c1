/**
 * The Converse / ConverseStream request body (everything but the `modelId` path label), with
 * the service model's constraints. Blob members (`bytes`) arrive base64-encoded in JSON.
 * Unknown members are ignored, as AWS JSON services do.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * @see /work/shared/docs/BEDROCK.md §2.8
 * @module
 */
import { z } from 'zod';

/**
 * A union structure: exactly one of its members may be set. Coral reports a union with none
 * or several members at the union's own path.
 */
function union<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const members = Object.keys(shape);
  return z.looseObject(shape).superRefine((value, context) => {
    const set = members.filter((member) => (value as Record<string, unknown>)[member] !== undefined);
    if (set.length !== 1) {
      context.addIssue({ code: 'custom', message: `Member must have exactly one member set, got ${String(set.length)} of [${members.join(', ')}]` });
    }
  });
}

const base64 = z.string();

const s3Location = z.looseObject({ uri: z.string().min(1).max(1_024), bucketOwner: z.string().optional() });

const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'] as const;
const DOCUMENT_FORMATS = ['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md'] as const;

const imageBlock = z.looseObject({
  format: z.enum(IMAGE_FORMATS),
  source: union({ bytes: base64.optional(), s3Location: s3Location.optional() }),
});

const documentBlock = z.looseObject({
  format: z.enum(DOCUMENT_FORMATS).optional(),
  name: z.string().min(1).max(200),
  source: union({
    bytes: base64.optional(),
    s3Location: s3Location.optional(),
    text: z.string().optional(),
    content: z.array(z.looseObject({ text: z.string() })).optional(),
  }),
  context: z.string().optional(),
  citations: z.looseObject({ enabled: z.boolean() }).optional(),
});

const toolUseId = z.string().min(1).max(64).regex(/^[a-zA-Z0-9_-]+$/);

const toolUseBlock = z.looseObject({ toolUseId, name: z.string().min(1).max(64), input: z.unknown() });

const toolResultBlock = z.looseObject({
  toolUseId,
  content: z.array(
    union({
      text: z.string().optional(),
      json: z.unknown().optional(),
      image: imageBlock.optional(),
      document: documentBlock.optional(),
      video: z.unknown().optional(),
    }),
  ),
  status: z.enum(['success', 'error']).optional(),
});

const cachePoint = z.looseObject({ type: z.literal('default'), ttl: z.enum(['5m', '1h']).optional() });

const converseContentBlockSchema = union({
  text: z.string().optional(),
  image: imageBlock.optional(),
  document: documentBlock.optional(),
  toolUse: toolUseBlock.optional(),
  toolResult: toolResultBlock.optional(),
  cachePoint: cachePoint.optional(),
  // Accepted and ignored by the mock (no answer depends on them).
  video: z.unknown().optional(),
  audio: z.unknown().optional(),
  guardContent: z.unknown().optional(),
  reasoningContent: z.unknown().optional(),
  citationsContent: z.unknown().optional(),
  searchResult: z.unknown().optional(),
});
export type ConverseContentBlock = z.infer<typeof converseContentBlockSchema>;

const message = z.looseObject({ role: z.enum(['user', 'assistant']), content: z.array(converseContentBlockSchema) });

const systemBlock = union({ text: z.string().optional(), cachePoint: cachePoint.optional(), guardContent: z.unknown().optional() });

const toolSpec = z.looseObject({
  name: z.string().min(1).max(64).regex(/^[a-zA-Z0-9_-]+$/),
  description: z.string().min(1).optional(),
  inputSchema: union({ json: z.unknown().optional() }),
  strict: z.boolean().optional(),
});

const toolConfig = z.looseObject({
  tools: z.array(union({ toolSpec: toolSpec.optional(), cachePoint: cachePoint.optional(), systemTool: z.unknown().optional() })).min(1),
  toolChoice: union({
    auto: z.looseObject({}).optional(),
    any: z.looseObject({}).optional(),
    tool: z.looseObject({ name: z.string().min(1).max(64) }).optional(),
  }).optional(),
});

/**
 * The Converse body.
 *
 * @example
 * ```ts
 * converseBodySchema.safeParse({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }], inferenceConfig: { maxTokens: 256 } });
 * ```
 */
export const converseBodySchema = z.looseObject({
  messages: z.array(message).optional(),
  system: z.array(systemBlock).optional(),
  inferenceConfig: z
    .looseObject({
      maxTokens: z.number().int().min(1).optional(),
      temperature: z.number().min(0).max(1).optional(),
      topP: z.number().min(0).max(1).optional(),
      stopSequences: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  toolConfig: toolConfig.optional(),
  additionalModelRequestFields: z.record(z.string(), z.unknown()).optional(),
  additionalModelResponseFieldPaths: z.array(z.string()).optional(),
  requestMetadata: z.record(z.string(), z.string()).optional(),
  performanceConfig: z.looseObject({ latency: z.enum(['standard', 'optimized']) }).optional(),
  guardrailConfig: z.unknown().optional(),
  promptVariables: z.unknown().optional(),
});
export type ConverseBody = z.infer<typeof converseBodySchema>;
