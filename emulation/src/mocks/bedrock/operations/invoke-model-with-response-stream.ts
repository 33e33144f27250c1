/**
 * InvokeModelWithResponseStream (`POST /model/{modelId}/invoke-with-response-stream`):
 * Anthropic's streaming events, each JSON event base64-encoded in the `bytes` of one `chunk`
 * event-stream message: `message_start`, `content_block_start`, `content_block_delta`s,
 * `content_block_stop`, `message_delta`, and `message_stop` carrying Bedrock's
 * `amazon-bedrock-invocationMetrics`.
 * @see /work/shared/docs/BEDROCK.md §2.7
 * @module
 */
import type { ModelAnswer } from '../compose-answer.ts';
import type { BedrockError } from '../errors.ts';
import { encodeEvent } from '../event-stream.ts';
import type { Exchange, OperationHandler } from '../exchange.ts';
import { newMessageId } from '../ids.ts';
import { parseAnthropicRequest } from '../parse-anthropic-request.ts';
import { writeEventStream, type PacedFrame } from '../response-writer.ts';
import { anthropicBlock } from './invoke-model.ts';
import { blockDeltas } from './stream-deltas.ts';

/**
 * One `chunk` message holding one Anthropic stream event.
 *
 * @example
 * ```ts
 * res.write(chunk({ type: 'message_stop' }));
 * ```
 */
export function chunk(event: Record<string, unknown>): Uint8Array {
  return encodeEvent('chunk', { bytes: Buffer.from(JSON.stringify(event)).toString('base64') });
}

/**
 * The InvokeModelWithResponseStream handler.
 *
 * @example
 * ```ts
 * await invokeModelWithResponseStream.respond(exchange, await composeAnswer(invokeModelWithResponseStream.parse(body, model)));
 * ```
 */
export const invokeModelWithResponseStream: OperationHandler = {
  parse: parseAnthropicRequest,
  respond(exchange: Exchange, answer: ModelAnswer): Promise<BedrockError | undefined> {
    const frames: PacedFrame[] = [];
    answer.content.forEach((block, index) => {
      const start = anthropicBlock(block);
      const contentBlock = start.type === 'text' ? { type: 'text', text: '' } : { ...start, input: {} };
      frames.push({ frame: chunk({ type: 'content_block_start', index, content_block: contentBlock }), tokens: 0 });
      for (const { piece, tokens } of blockDeltas(answer, block)) {
        const delta = block.type === 'text' ? { type: 'text_delta', text: piece } : { type: 'input_json_delta', partial_json: piece };
        frames.push({ frame: chunk({ type: 'content_block_delta', index, delta }), tokens });
      }
      frames.push({ frame: chunk({ type: 'content_block_stop', index }), tokens: 0 });
    });
    const message = {
      id: newMessageId(),
      type: 'message',
      role: 'assistant',
      model: exchange.model.anthropicName,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: answer.inputTokens, output_tokens: 1 },
    };
    return writeEventStream(exchange, {
      headers: {
        'content-type': 'application/vnd.amazon.eventstream',
        'x-amzn-bedrock-content-type': 'application/json',
        'x-amzn-requestid': exchange.requestId,
      },
      opening: chunk({ type: 'message_start', message }),
      frames,
      closing: ({ latencyMs, firstByteLatencyMs }) => [
        chunk({
          type: 'message_delta',
          delta: { stop_reason: answer.stopReason, stop_sequence: answer.stopSequence },
          usage: { output_tokens: answer.outputTokens },
        }),
        chunk({
          type: 'message_stop',
          'amazon-bedrock-invocationMetrics': {
            inputTokenCount: answer.inputTokens,
            outputTokenCount: answer.outputTokens,
            invocationLatency: latencyMs,
            firstByteLatency: firstByteLatencyMs,
          },
        }),
      ],
    });
  },
};
