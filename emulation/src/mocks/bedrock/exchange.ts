/**
 * One model request in flight: what every operation's responder needs besides the answer.
 * @module
 */
import type { MockBehaviour } from './behaviour.ts';
import type { ModelAnswer } from './compose-answer.ts';
import type { BedrockError } from './errors.ts';
import type { InjectedFault } from './fault-injection.ts';
import type { ModelRequest } from './model-request.ts';
import type { ResolvedModel } from './models.ts';
import type { BedrockOperation } from './operations.ts';
import type { AnyResponse } from './transport/dual-protocol-listener.ts';

export interface Exchange {
  operation: BedrockOperation;
  model: ResolvedModel;
  /** Sent as `x-amzn-requestid`. */
  requestId: string;
  /** `performance.now()` when the request arrived: latencies are measured from here. */
  startedAt: number;
  /** The behaviour as it was when the request arrived (later changes do not affect it). */
  behaviour: MockBehaviour;
  /** A fault to raise after the stream's first event, if injection chose one. */
  midStreamFault: InjectedFault | undefined;
  /** Aborted when the client goes away before the response is complete. */
  signal: AbortSignal;
  res: AnyResponse;
}

/**
 * How one operation reads its body and writes its answer.
 *
 * @example
 * ```ts
 * const request = handler.parse(body, model);
 * await handler.respond(exchange, await composeAnswer(request));
 * ```
 */
export interface OperationHandler {
  parse(body: Uint8Array, model: ResolvedModel): ModelRequest;
  /** Writes the answer; resolves with the exception a stream raised mid-way, if any. */
  respond(exchange: Exchange, answer: ModelAnswer): Promise<BedrockError | undefined>;
}

/**
 * Whole milliseconds since the request arrived.
 *
 * @example
 * ```ts
 * headers['x-amzn-bedrock-invocation-latency'] = String(elapsedMs(exchange));
 * ```
 */
export function elapsedMs(exchange: Pick<Exchange, 'startedAt'>): number {
  return Math.max(0, Math.round(performance.now() - exchange.startedAt));
}
