/**
 * One document in, one validated interpretation out: a Converse call with the document, the
 * system prompt and the `record_lab_interpretation` tool (offered and forced), the tool input
 * checked against `LabInterpretationSchema`, and, when it fails, exactly one more turn that
 * hands the validation problems back as the tool's error result. A second invalid answer ends
 * in INTERPRETATION_INVALID; a valid one without any lab value (the model could not read the
 * document) in DOCUMENT_UNREADABLE. Both are permanent: asking again gives the same answer.
 *
 * Bedrock errors pass through as the AppErrors the shared client raises (LLM_THROTTLED, …);
 * whether to retry them is the caller's decision.
 *
 * @example
 * ```ts
 * const { interpretation, modelId, calls } = await interpretDocument(bedrock, {
 *   bytes, mediaType: 'application/pdf',
 *   ctx: { userId, documentType: 'lab_results', requestId: jobId, remainingTimeMs },
 * });
 * ```
 * @module
 */
import type { ContentBlock, ConverseCommandOutput, Message, ToolInputSchema, ToolUseBlock } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockClient, LlmConverseRequest } from '#shared/bedrock/bedrock-client.ts';
import type { LlmCallContext } from '#shared/bedrock/llm-call-context.ts';
import type { DocumentMediaType } from '#shared/db/schema.ts';
import { AppError } from '#shared/errors/index.ts';
import { LAB_INTERPRETATION_TOOL, LabInterpretationSchema, type LabInterpretation } from '#shared/interpretation/lab-interpretation.ts';
import { logger } from '#shared/observability/logger.ts';
import { documentContentBlock } from './document-content-block.ts';
import { DOCUMENT_INSTRUCTION, DOCUMENT_SYSTEM_PROMPT, MISSING_TOOL_CALL_FEEDBACK, validationFeedback } from './document-prompt.ts';
import { problemPaths, validationProblems } from './validation-problems.ts';

export interface InterpretDocumentInput {
  /** The document's bytes: held in memory only. */
  bytes: Uint8Array;
  mediaType: DocumentMediaType;
  /** Per-call context: owner, `lab_results`, the job id, the invocation's remaining time. */
  ctx: LlmCallContext;
}

/**
 * A validated interpretation with at least one lab value.
 *
 * @example
 * ```ts
 * result.interpretation.labValues.length; // > 0
 * result.calls; // 1, or 2 after a corrected answer
 * ```
 */
export interface InterpretDocumentResult {
  interpretation: LabInterpretation;
  /** The model that answered (stored with the content). */
  modelId: string;
  /** Converse calls made: 1, or 2 when the first answer had to be corrected. */
  calls: number;
}

/** The tool, offered and forced: the answer must be its input, never prose. */
const TOOL_CONFIG = {
  tools: [
    {
      toolSpec: {
        name: LAB_INTERPRETATION_TOOL.name,
        description: LAB_INTERPRETATION_TOOL.description,
        // The SDK types JSON Schema as its DocumentType; the zod-generated schema is plain JSON.
        inputSchema: { json: LAB_INTERPRETATION_TOOL.inputSchema as unknown as ToolInputSchema.JsonMember['json'] },
      },
    },
  ],
  toolChoice: { tool: { name: LAB_INTERPRETATION_TOOL.name } },
} satisfies LlmConverseRequest['toolConfig'];

type Attempt = { ok: true; interpretation: LabInterpretation } | { ok: false; paths: string[]; feedback: ContentBlock[] };

/**
 * Interprets one document (see the module description). Throws AppError INTERPRETATION_INVALID,
 * DOCUMENT_UNREADABLE, or whatever the Bedrock client throws.
 *
 * @example
 * ```ts
 * try {
 *   const { interpretation } = await interpretDocument(bedrock, input);
 * } catch (error) {
 *   if (isAppError(error) && error.code === 'INTERPRETATION_INVALID') failJob(…);
 * }
 * ```
 */
export async function interpretDocument(bedrock: Pick<BedrockClient, 'converse'>, input: InterpretDocumentInput): Promise<InterpretDocumentResult> {
  const messages: Message[] = [{ role: 'user', content: [documentContentBlock(input.bytes, input.mediaType), { text: DOCUMENT_INSTRUCTION }] }];
  const request = (): LlmConverseRequest => ({
    system: [{ text: DOCUMENT_SYSTEM_PROMPT }],
    messages,
    toolConfig: TOOL_CONFIG,
    // Reading values off a report wants the most likely answer, not variety.
    inferenceConfig: { temperature: 0 },
  });

  let result = await bedrock.converse(request(), input.ctx);
  let attempt = readAnswer(result.output);
  let calls = 1;
  if (!attempt.ok) {
    logger.warn('interpretation failed validation; asking once more', { jobId: input.ctx.requestId, problems: attempt.paths, stopReason: result.stopReason });
    messages.push(assistantTurn(result.output), { role: 'user', content: attempt.feedback });
    result = await bedrock.converse(request(), input.ctx);
    attempt = readAnswer(result.output);
    calls = 2;
  }
  if (!attempt.ok) {
    logger.warn('interpretation failed validation twice', { jobId: input.ctx.requestId, problems: attempt.paths, stopReason: result.stopReason });
    throw new AppError('INTERPRETATION_INVALID');
  }
  if (attempt.interpretation.labValues.length === 0) {
    logger.info('no lab values could be read from the document', { jobId: input.ctx.requestId, confidence: attempt.interpretation.confidence });
    throw new AppError('DOCUMENT_UNREADABLE');
  }
  return { interpretation: attempt.interpretation, modelId: result.modelId, calls };
}

/** The tool input, validated; or the feedback turn that asks for a corrected one. */
function readAnswer(output: ConverseCommandOutput): Attempt {
  const toolUse = findToolUse(output);
  if (toolUse === undefined) return { ok: false, paths: ['(no tool call)'], feedback: [{ text: MISSING_TOOL_CALL_FEEDBACK }] };
  const parsed = LabInterpretationSchema.safeParse(toolUse.input);
  if (parsed.success) return { ok: true, interpretation: parsed.data };
  return {
    ok: false,
    paths: problemPaths(parsed.error),
    feedback: [{ toolResult: { toolUseId: toolUse.toolUseId, status: 'error', content: [{ text: validationFeedback(validationProblems(parsed.error)) }] } }],
  };
}

function findToolUse(output: ConverseCommandOutput): ToolUseBlock | undefined {
  return output.output?.message?.content?.find((block) => block.toolUse?.name === LAB_INTERPRETATION_TOOL.name)?.toolUse;
}

/** The model's turn as it was: Converse pairs the tool result with the tool use it answers. */
function assistantTurn(output: ConverseCommandOutput): Message {
  const content = output.output?.message?.content ?? [];
  // A turn must not be empty; an answer with nothing in it is represented by a placeholder.
  return { role: 'assistant', content: content.length > 0 ? content : [{ text: '(no answer)' }] };
}
