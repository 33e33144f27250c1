/**
 * Converse (`POST /model/{modelId}/converse`): Bedrock's model-neutral JSON in and out.
 * @see /work/shared/docs/BEDROCK.md §2.8
 * @module
 */
import type { AnswerBlock, ModelAnswer } from '../compose-answer.ts';
import { elapsedMs, type Exchange, type OperationHandler } from '../exchange.ts';
import { newConverseToolUseId } from '../ids.ts';
import { Pacer } from '../pacing.ts';
import { parseConverseRequest } from '../parse-converse-request.ts';
import { sendJson } from '../response-writer.ts';

/** A content block as Converse returns it. */
export type ConverseResponseBlock = { text: string } | { toolUse: { toolUseId: string; name: string; input: Record<string, unknown> } };

/**
 * Text as is; a tool call with a fresh `tooluse_` id.
 *
 * @example
 * ```ts
 * converseBlock({ type: 'text', text: 'Hi' }); // { text: 'Hi' }
 * ```
 */
export function converseBlock(block: AnswerBlock): ConverseResponseBlock {
  return block.type === 'text' ? { text: block.text } : { toolUse: { toolUseId: newConverseToolUseId(), name: block.name, input: block.input } };
}

/**
 * Converse's `usage`.
 *
 * @example
 * ```ts
 * converseUsage(answer); // { inputTokens: 812, outputTokens: 95, totalTokens: 907 }
 * ```
 */
export function converseUsage(answer: ModelAnswer): { inputTokens: number; outputTokens: number; totalTokens: number } {
  return { inputTokens: answer.inputTokens, outputTokens: answer.outputTokens, totalTokens: answer.inputTokens + answer.outputTokens };
}

/**
 * The Converse handler. No token-count headers: whether the real service sends them on
 * Converse is unconfirmed (BEDROCK.md §2.8); `usage` carries the counts.
 *
 * @example
 * ```ts
 * await converse.respond(exchange, await composeAnswer(converse.parse(body, model)));
 * ```
 */
export const converse: OperationHandler = {
  parse: parseConverseRequest,
  async respond(exchange: Exchange, answer: ModelAnswer): Promise<undefined> {
    await new Pacer(exchange.behaviour.latency, exchange.startedAt, exchange.signal).wholeAnswer(answer.outputTokens);
    if (exchange.signal.aborted) return undefined;
    sendJson(
      exchange.res,
      200,
      { 'x-amzn-requestid': exchange.requestId },
      {
        output: { message: { role: 'assistant', content: answer.content.map(converseBlock) } },
        stopReason: answer.stopReason,
        usage: converseUsage(answer),
        metrics: { latencyMs: elapsedMs(exchange) },
      },
    );
    return undefined;
  },
};
