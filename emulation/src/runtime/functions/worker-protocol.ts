/**
 * The messages between the runtime (main thread) and one execution environment (a worker
 * thread running a function's source). Plain structured-clone data only.
 * @module
 */

/**
 * Written by the worker to its stdout and stderr before each invocation, then the request id:
 * the lines after it on that stream belong to that request. In the stream itself, because
 * output reaches the main thread on another channel than the messages, and may arrive after
 * the next invocation has started.
 */
export const REQUEST_MARKER = '\u001eserenya-request:';

/** What the worker needs to load the function (its `workerData`). */
export interface WorkerInit {
  /** Absolute path of the handler's source module. */
  readonly entryPath: string;
  /** The module export to call. */
  readonly handlerName: string;
}

/**
 * The per-invocation part of the handler's context, as Lambda's runtime API gives it (request id,
 * ARN, deadline); the rest (function name, version, memory, log group and stream) the worker
 * reads from its `AWS_LAMBDA_*` variables, as the Node.js runtime does.
 */
export interface InvocationContextData {
  readonly invokedFunctionArn: string;
  /** `Date.now()` at which the invocation times out; Lambda's deadline is wall-clock too. */
  readonly deadlineEpochMs: number;
}

/** Lambda's error shape (`errorType`, `errorMessage`, `stackTrace`). */
export interface FunctionErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stackTrace?: readonly string[];
}

/** The prelude of a streamed response (`awslambda.HttpResponseStream.from`). */
export interface StreamPrelude {
  readonly statusCode?: number;
  readonly headers?: Record<string, string>;
  readonly cookies?: readonly string[];
}

export type ToWorker = {
  readonly type: 'invoke';
  readonly requestId: string;
  /** Parsed in the worker, so the handler gets JSON's values, as from Lambda. */
  readonly eventJson: string;
  readonly context: InvocationContextData;
  /** The caller can take a streamed response; otherwise a streaming handler's output is buffered. */
  readonly streaming: boolean;
};

export type FromWorker =
  | { readonly type: 'ready'; readonly initDurationMs: number }
  | { readonly type: 'init-error'; readonly error: FunctionErrorPayload }
  | { readonly type: 'result'; readonly requestId: string; readonly payloadJson: string; readonly heapBytes: number }
  | { readonly type: 'error'; readonly requestId: string; readonly error: FunctionErrorPayload; readonly heapBytes: number }
  | { readonly type: 'stream-prelude'; readonly requestId: string; readonly prelude: StreamPrelude }
  | { readonly type: 'stream-chunk'; readonly requestId: string; readonly chunk: Uint8Array }
  | { readonly type: 'stream-end'; readonly requestId: string; readonly heapBytes: number };
