/**
 * ConverseStream (`POST /model/{modelId}/converse-stream`): the Converse answer as an event
 * stream: `messageStart`, then per block `contentBlockStart` (tool use only; text blocks start
 * with their first delta, as the real service does), `contentBlockDelta`s,
 * `contentBlockStop`, then `messageStop` and `metadata`.
 * @see /work/shared/docs/BEDROCK.md §2.9
 * @module
 */
import type { ModelAnswer } from '../compose-answer.ts';
import type { BedrockError } from '../errors.ts';
import { encodeEvent } from '../event-stream.ts';
import type { Exchange, OperationHandler } from '../exchange.ts';
import { newConverseToolUseId } from '../ids.ts';
import { parseConverseRequest } from '../parse-converse-request.ts';
import { writeEventStream, type PacedFrame } from '../response-writer.ts';
import { converseUsage } from './converse.ts';
import { blockDeltas } from './stream-deltas.ts';

/**
 * The ConverseStream handler.
 *
 * @example
 * ```ts
 * await converseStream.respond(exchange, await composeAnswer(converseStream.parse(body, model)));
 * ```
 */
export const converseStream: OperationHandler = {
  parse: parseConverseRequest,
  respond(exchange: Exchange, answer: ModelAnswer): Promise<BedrockError | undefined> {
    const frames: PacedFrame[] = [];
    answer.content.forEach((block, contentBlockIndex) => {
      if (block.type === 'toolUse') {
        const start = { toolUse: { toolUseId: newConverseToolUseId(), name: block.name } };
        frames.push({ frame: encodeEvent('contentBlockStart', { contentBlockIndex, start }), tokens: 0 });
      }
      for (const { piece, tokens } of blockDeltas(answer, block)) {
        const delta = block.type === 'text' ? { text: piece } : { toolUse: { input: piece } };
        frames.push({ frame: encodeEvent('contentBlockDelta', { contentBlockIndex, delta }), tokens });
      }
      frames.push({ frame: encodeEvent('contentBlockStop', { contentBlockIndex }), tokens: 0 });
    });
    return writeEventStream(exchange, {
      headers: { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': exchange.requestId },
      opening: encodeEvent('messageStart', { role: 'assistant' }),
      frames,
      closing: ({ latencyMs }) => [
        encodeEvent('messageStop', { stopReason: answer.stopReason }),
        encodeEvent('metadata', { usage: converseUsage(answer), metrics: { latencyMs } }),
      ],
    });
  },
};
