/**
 * `POST /model/{modelId}/{action}`: the Bedrock Runtime routes. Reads the body, lets fault
 * injection fail the call first (before any byte is sent), resolves the model, validates and
 * normalises the body, composes the answer and hands it to the operation's writer. Every
 * outcome is counted in the stats.
 * @see /work/shared/docs/BEDROCK.md §2.3, §2.4
 * @module
 */
import type { MockBehaviour } from './behaviour.ts';
import { composeAnswer } from './compose-answer.ts';
import { BedrockError, errorResponse } from './errors.ts';
import type { Exchange, OperationHandler } from './exchange.ts';
import type { FaultInjector } from './fault-injection.ts';
import { newRequestId } from './ids.ts';
import type { ModelCatalogue } from './models.ts';
import { converse } from './operations/converse.ts';
import { converseStream } from './operations/converse-stream.ts';
import { invokeModel } from './operations/invoke-model.ts';
import { invokeModelWithResponseStream } from './operations/invoke-model-with-response-stream.ts';
import { OPERATION_BY_ACTION, type BedrockOperation } from './operations.ts';
import type { StatsRecorder } from './stats.ts';
import type { AnyRequest, AnyResponse } from './transport/dual-protocol-listener.ts';
import { readRequestBody } from './transport/request-body.ts';

const HANDLERS: Readonly<Record<BedrockOperation, OperationHandler>> = {
  InvokeModel: invokeModel,
  InvokeModelWithResponseStream: invokeModelWithResponseStream,
  Converse: converse,
  ConverseStream: converseStream,
};

/** The operation and the raw (still percent-encoded) model segment of a path. */
export interface ModelRoute {
  operation: BedrockOperation;
  encodedModelId: string;
}

/** What the route needs from the running mock. */
export interface ModelRouteState {
  behaviour(): MockBehaviour;
  catalogue: ModelCatalogue;
  injector: FaultInjector;
  stats: StatsRecorder;
  /** The text in an image (the mock's OCR reader). */
  readImage: (bytes: Uint8Array) => Promise<string>;
}

/**
 * The route of a `/model/{modelId}/{action}` path, or undefined for other paths. The model id
 * is one segment (the SDKs encode `:` and `/` in it), so it is matched before decoding.
 *
 * @example
 * ```ts
 * matchModelRoute('/model/eu.anthropic.claude-sonnet-4-6/converse-stream'); // { operation: 'ConverseStream', … }
 * ```
 */
export function matchModelRoute(pathname: string): ModelRoute | undefined {
  const match = /^\/model\/([^/]+)\/([a-z-]+)$/.exec(pathname);
  const operation = match === null ? undefined : OPERATION_BY_ACTION[match[2] as string];
  return operation === undefined ? undefined : { operation, encodedModelId: match?.[1] as string };
}

/**
 * Serves one model request to completion (or until the client leaves).
 *
 * @example
 * ```ts
 * const route = matchModelRoute(pathname);
 * if (route) await handleModelRequest(req, res, route, state);
 * ```
 */
export async function handleModelRequest(req: AnyRequest, res: AnyResponse, route: ModelRoute, state: ModelRouteState): Promise<void> {
  const { operation } = route;
  const requestId = newRequestId();
  const startedAt = performance.now();
  const aborter = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) aborter.abort();
  });
  state.stats.request(operation);
  try {
    const body = await readRequestBody(req);
    const behaviour = state.behaviour();
    const fault = state.injector.decide(behaviour, operation);
    if (fault !== undefined && !fault.midStream) throw fault.error;
    const model = state.catalogue.resolve(decodeModelId(route.encodedModelId));
    const handler = HANDLERS[operation];
    const answer = await composeAnswer(handler.parse(body, model), { readImage: state.readImage });
    const exchange: Exchange = { operation, model, requestId, startedAt, behaviour, midStreamFault: fault, signal: aborter.signal, res };
    const streamError = await handler.respond(exchange, answer);
    if (streamError !== undefined) state.stats.error(streamError.type, streamError.injected);
    else if (!aborter.signal.aborted) state.stats.tokens(answer.inputTokens, answer.outputTokens);
  } catch (caught) {
    // A bug in the mock surfaces to the caller as the service's 500, with the reason.
    const error =
      caught instanceof BedrockError
        ? caught
        : new BedrockError('InternalServerException', `Bedrock mock failure: ${caught instanceof Error ? caught.message : String(caught)}`);
    state.stats.error(error.type, error.injected);
    if (!res.headersSent && !aborter.signal.aborted) {
      const { status, headers, body } = errorResponse(error, requestId);
      res.writeHead(status, headers);
      res.end(body);
    } else if (!res.writableEnded) {
      res.destroy();
    }
  } finally {
    state.stats.completed(operation, performance.now() - startedAt);
  }
}

function decodeModelId(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new BedrockError('ValidationException', 'The provided model identifier is invalid.');
  }
}
