/**
 * One Lambda execution environment: a worker thread with the function's environment variables
 * and a heap limit at its memory size, started on first use (the cold start), then reused warm
 * for one invocation at a time. A timeout or a crash terminates the worker: the environment is
 * gone and the function starts a fresh one next time, as Lambda does.
 * @module
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { REQUEST_MARKER, type FromWorker, type FunctionErrorPayload, type StreamPrelude, type ToWorker, type WorkerInit } from './worker-protocol.ts';

const WORKER_URL = new URL('./function-worker.ts', import.meta.url);

export interface ExecutionEnvironmentOptions {
  readonly id: string;
  readonly init: WorkerInit;
  /** The complete `process.env` of the worker. */
  readonly environment: Readonly<Record<string, string>>;
  readonly memoryMb: number;
  /** Lambda's init phase limit (10 s). */
  readonly initTimeoutMs: number;
  /** Told when the worker exits with no invocation running (a late crash, or terminate()). */
  readonly onIdleExit?: (error: FunctionErrorPayload) => void;
  /** Every line the function writes, with the request it was written during (undefined: init). */
  readonly onOutput: (line: string, stream: 'stdout' | 'stderr', requestId: string | undefined) => void;
}

/** Where a streamed response goes. */
export interface ResponseStreamSink {
  start(prelude: StreamPrelude): void;
  write(chunk: Uint8Array): void;
  end(): void;
}

/** How one invocation ended inside an environment. */
export type EnvironmentOutcome =
  | { readonly kind: 'result'; readonly payloadJson: string; readonly heapBytes: number }
  | { readonly kind: 'streamed'; readonly heapBytes: number }
  | { readonly kind: 'error'; readonly error: FunctionErrorPayload; readonly heapBytes: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'init-error'; readonly error: FunctionErrorPayload }
  | { readonly kind: 'crash'; readonly error: FunctionErrorPayload };

export interface InvokeRequest {
  readonly requestId: string;
  /** The event as JSON: what Lambda hands the runtime, and what the caller measured. */
  readonly eventJson: string;
  readonly invokedFunctionArn: string;
  readonly timeoutMs: number;
  readonly stream?: ResponseStreamSink;
}

export interface ExecutionEnvironment {
  readonly id: string;
  /** Init Duration of this environment's cold start (ms), once initialised. */
  initDurationMs(): number | undefined;
  /** True once the worker has exited (timeout, crash, init failure, terminate). */
  isDead(): boolean;
  /** Starts the worker and runs the init phase now (provisioned-concurrency style pre-warming). */
  init(): Promise<{ ok: true } | { ok: false; error: FunctionErrorPayload }>;
  /** Runs one invocation; starts the worker first if this is the environment's first. */
  invoke(request: InvokeRequest): Promise<EnvironmentOutcome>;
  terminate(): Promise<void>;
}

export function createExecutionEnvironment(options: ExecutionEnvironmentOptions): ExecutionEnvironment {
  let worker: Worker | undefined;
  let ready: Promise<{ ok: true } | { ok: false; error: FunctionErrorPayload }> | undefined;
  let initDuration: number | undefined;
  let dead = false;
  /** The pending invocation's settle function; exits and errors end it. */
  let settleCurrent: ((outcome: EnvironmentOutcome) => void) | undefined;
  let streamSink: ResponseStreamSink | undefined;
  let crash: FunctionErrorPayload | undefined;

  /** Forwards each line with the request of the last {@link REQUEST_MARKER} before it on the stream. */
  function pipeLines(stream: Readable, name: 'stdout' | 'stderr'): void {
    let requestId: string | undefined;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      const marker = line.indexOf(REQUEST_MARKER);
      if (marker === -1) {
        options.onOutput(line, name, requestId);
        return;
      }
      // Text the handler left without a newline still belongs to the request before.
      if (marker > 0) options.onOutput(line.slice(0, marker), name, requestId);
      requestId = line.slice(marker + REQUEST_MARKER.length);
    });
  }

  function start(): NonNullable<typeof ready> {
    const spawned = new Worker(WORKER_URL, {
      workerData: options.init,
      env: { ...options.environment },
      stdout: true,
      stderr: true,
      // Lambda's memory setting caps the whole sandbox; the worker's heap is the part we can cap.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, options.memoryMb) },
      name: options.id,
    });
    worker = spawned;
    pipeLines(spawned.stdout, 'stdout');
    pipeLines(spawned.stderr, 'stderr');
    const initialised = Promise.withResolvers<{ ok: true } | { ok: false; error: FunctionErrorPayload }>();
    spawned.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          initDuration = message.initDurationMs;
          initialised.resolve({ ok: true });
          break;
        case 'init-error':
          initialised.resolve({ ok: false, error: message.error });
          break;
        case 'result':
          settleCurrent?.({ kind: 'result', payloadJson: message.payloadJson, heapBytes: message.heapBytes });
          break;
        case 'error':
          settleCurrent?.({ kind: 'error', error: message.error, heapBytes: message.heapBytes });
          break;
        case 'stream-prelude':
          streamSink?.start(message.prelude);
          break;
        case 'stream-chunk':
          streamSink?.write(message.chunk);
          break;
        case 'stream-end':
          streamSink?.end();
          settleCurrent?.({ kind: 'streamed', heapBytes: message.heapBytes });
          break;
      }
    });
    spawned.on('error', (error: Error & { code?: string }) => {
      crash =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { errorType: 'Runtime.OutOfMemory', errorMessage: `Runtime exited with error: out of memory (${String(options.memoryMb)} MB)` }
          : { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${error.message}`, stackTrace: (error.stack ?? '').split('\n').slice(1) };
    });
    spawned.on('exit', (code) => {
      dead = true;
      const error = crash ?? { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: exit status ${String(code)}` };
      initialised.resolve({ ok: false, error });
      if (settleCurrent === undefined) options.onIdleExit?.(error);
      settleCurrent?.({ kind: 'crash', error });
    });
    return initialised.promise;
  }

  async function terminate(): Promise<void> {
    dead = true;
    await worker?.terminate();
  }

  /** Starts the worker and imports the function once; later calls share the outcome. */
  async function init(): Promise<{ ok: true } | { ok: false; error: FunctionErrorPayload }> {
    if (ready === undefined) {
      ready = start();
      // Past Lambda's init limit the sandbox is torn down; the exit ends `ready` with an error.
      const initTimer = setTimeout(() => {
        crash = { errorType: 'Runtime.InitTimeout', errorMessage: `INIT timed out after ${(options.initTimeoutMs / 1000).toFixed(2)} seconds` };
        void terminate();
      }, options.initTimeoutMs);
      void ready.finally(() => clearTimeout(initTimer));
    }
    const initialised = await ready;
    if (!initialised.ok) await terminate();
    return initialised;
  }

  return {
    id: options.id,
    initDurationMs: () => initDuration,
    isDead: () => dead,
    terminate,
    init,
    async invoke(request) {
      if (dead) return { kind: 'crash', error: { errorType: 'Runtime.ExitError', errorMessage: 'the execution environment is gone' } };
      const initialised = await init();
      if (!initialised.ok) return { kind: 'init-error', error: initialised.error };
      const settled = Promise.withResolvers<EnvironmentOutcome>();
      settleCurrent = settled.resolve;
      streamSink = request.stream;
      const timer = setTimeout(() => {
        settled.resolve({ kind: 'timeout' });
        void terminate();
      }, request.timeoutMs);
      const message: ToWorker = {
        type: 'invoke',
        requestId: request.requestId,
        eventJson: request.eventJson,
        context: { invokedFunctionArn: request.invokedFunctionArn, deadlineEpochMs: Date.now() + request.timeoutMs },
        streaming: request.stream !== undefined,
      };
      worker?.postMessage(message);
      try {
        return await settled.promise;
      } finally {
        clearTimeout(timer);
        settleCurrent = undefined;
        streamSink = undefined;
      }
    },
  };
}
