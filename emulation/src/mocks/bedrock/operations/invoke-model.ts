/**
 * InvokeModel (`POST /model/{modelId}/invoke`): an Anthropic Messages body in, an Anthropic
 * message out, with Bedrock's token-count and latency headers.
 * @see /work/shared/docs/BEDROCK.md §2.6
 * @module
 */
import type { AnswerBlock, ModelAnswer } from '../compose-answer.ts';
import { elapsedMs, type Exchange, type OperationHandler } from '../exchange.ts';
import { newAnthropicToolUseId, newMessageId } from '../ids.ts';
import type { ResolvedModel } from '../models.ts';
import { Pacer } from '../pacing.ts';
import { parseAnthropicRequest } from '../parse-anthropic-request.ts';
import { sendJson } from '../response-writer.ts';

/** An Anthropic content block as InvokeModel returns it. */
export type AnthropicResponseBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/**
 * The answer as an Anthropic `message` object.
 *
 * @example
 * ```ts
 * anthropicMessage(answer, model).stop_reason; // 'end_turn'
 * ```
 */
export function anthropicMessage(answer: ModelAnswer, model: ResolvedModel) {
  return {
    id: newMessageId(),
    type: 'message' as const,
    role: 'assistant' as const,
    model: model.anthropicName,
    content: answer.content.map(anthropicBlock),
    stop_reason: answer.stopReason,
    stop_sequence: answer.stopSequence,
    usage: { input_tokens: answer.inputTokens, output_tokens: answer.outputTokens },
  };
}

/**
 * Text as is; a tool call with a fresh `toolu_bdrk_` id.
 *
 * @example
 * ```ts
 * anthropicBlock({ type: 'text', text: 'Hi' }); // { type: 'text', text: 'Hi' }
 * ```
 */
export function anthropicBlock(block: AnswerBlock): AnthropicResponseBlock {
  return block.type === 'text'
    ? { type: 'text', text: block.text }
    : { type: 'tool_use', id: newAnthropicToolUseId(), name: block.name, input: block.input };
}

/**
 * The InvokeModel handler.
 *
 * @example
 * ```ts
 * await invokeModel.respond(exchange, await composeAnswer(invokeModel.parse(body, model)));
 * ```
 */
export const invokeModel: OperationHandler = {
  parse: parseAnthropicRequest,
  async respond(exchange: Exchange, answer: ModelAnswer): Promise<undefined> {
    await new Pacer(exchange.behaviour.latency, exchange.startedAt, exchange.signal).wholeAnswer(answer.outputTokens);
    if (exchange.signal.aborted) return undefined;
    sendJson(
      exchange.res,
      200,
      {
        'x-amzn-requestid': exchange.requestId,
        'x-amzn-bedrock-invocation-latency': String(elapsedMs(exchange)),
        'x-amzn-bedrock-input-token-count': String(answer.inputTokens),
        'x-amzn-bedrock-output-token-count': String(answer.outputTokens),
      },
      anthropicMessage(answer, exchange.model),
    );
    return undefined;
  },
};
