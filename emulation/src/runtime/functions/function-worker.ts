/**
 * The body of one execution environment: a worker thread that imports the function's source
 * once (the init phase, timed like Lambda's `Init Duration`) and then runs one invocation at a
 * time, as a Lambda execution environment does.
 *
 * Provides the `awslambda` global of the Node.js runtime (`streamifyResponse`,
 * `HttpResponseStream.from`) before the import, so handlers built with hono's `streamHandle`
 * load and stream here as they would in RESPONSE_STREAM mode.
 * @module
 */
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { REQUEST_MARKER, type FromWorker, type FunctionErrorPayload, type InvocationContextData, type StreamPrelude, type ToWorker, type WorkerInit } from './worker-protocol.ts';

type Handler = (...args: unknown[]) => unknown;

const STREAMING = Symbol.for('serenya.local.streamifyResponse');
const port = parentPort;
if (port === null) throw new Error('function-worker.ts runs in a worker thread only');
const post = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer ?? []);

/** A response stream whose prelude the handler may set through `HttpResponseStream.from`. */
interface LocalResponseStream extends Writable {
  setPrelude(prelude: StreamPrelude): void;
}

Object.assign(globalThis, {
  awslambda: {
    streamifyResponse: (handler: Handler) => Object.assign(handler, { [STREAMING]: true }),
    HttpResponseStream: {
      from: (stream: LocalResponseStream, prelude: StreamPrelude) => {
        stream.setPrelude(prelude);
        return stream;
      },
    },
  },
});

function toErrorPayload(error: unknown): FunctionErrorPayload {
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message, stackTrace: (error.stack ?? '').split('\n').slice(1).map((line) => line.trim()) };
  return { errorType: 'Error', errorMessage: typeof error === 'string' ? error : JSON.stringify(error) };
}

const heapBytes = () => process.memoryUsage().heapTotal;

const { entryPath, handlerName } = workerData as WorkerInit;
const initStarted = performance.now();
let handler: Handler | undefined;
try {
  const module = (await import(pathToFileURL(entryPath).href)) as Record<string, unknown>;
  const exported = module[handlerName];
  if (typeof exported !== 'function') {
    post({ type: 'init-error', error: { errorType: 'Runtime.HandlerNotFound', errorMessage: `${entryPath}.${handlerName} is undefined or not exported` } });
  } else {
    handler = exported as Handler;
  }
} catch (error) {
  post({ type: 'init-error', error: { ...toErrorPayload(error), errorType: 'Runtime.ImportModuleError' } });
}

function contextFrom(requestId: string, data: InvocationContextData) {
  const env = process.env;
  return {
    awsRequestId: requestId,
    invokedFunctionArn: data.invokedFunctionArn,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, data.deadlineEpochMs - Date.now()),
  };
}

/** Runs a streaming handler; forwards the stream, or buffers it into a proxy result. */
async function invokeStreaming(run: Handler, message: ToWorker): Promise<void> {
  const { requestId } = message;
  let prelude: StreamPrelude = {};
  const buffered: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (message.streaming) {
        const copy = new Uint8Array(bytes);
        post({ type: 'stream-chunk', requestId, chunk: copy }, [copy.buffer]);
      } else {
        buffered.push(Buffer.from(bytes));
      }
      done();
    },
  }) as LocalResponseStream;
  stream.setPrelude = (value) => {
    prelude = value;
    if (message.streaming) post({ type: 'stream-prelude', requestId, prelude: value });
  };
  const finished = new Promise<void>((resolve, reject) => stream.on('finish', resolve).on('error', reject));
  await run(JSON.parse(message.eventJson), stream, contextFrom(requestId, message.context));
  if (!stream.writableEnded) stream.end();
  await finished;
  if (message.streaming) {
    post({ type: 'stream-end', requestId, heapBytes: heapBytes() });
  } else {
    const body = Buffer.concat(buffered).toString('base64');
    post({ type: 'result', requestId, payloadJson: JSON.stringify({ statusCode: 200, ...prelude, body, isBase64Encoded: true }), heapBytes: heapBytes() });
  }
}

if (handler !== undefined) {
  const run = handler;
  const streaming = (run as unknown as Record<symbol, unknown>)[STREAMING] === true;
  port.on('message', (message: ToWorker) => {
    const { requestId } = message;
    process.stdout.write(`${REQUEST_MARKER}${requestId}\n`);
    process.stderr.write(`${REQUEST_MARKER}${requestId}\n`);
    const work = streaming
      ? invokeStreaming(run, message)
      : Promise.resolve(run(JSON.parse(message.eventJson), contextFrom(requestId, message.context))).then((value) => {
          post({ type: 'result', requestId, payloadJson: JSON.stringify(value ?? null), heapBytes: heapBytes() });
        });
    work.catch((error: unknown) => post({ type: 'error', requestId, error: toErrorPayload(error), heapBytes: heapBytes() }));
  });
  post({ type: 'ready', initDurationMs: performance.now() - initStarted });
}
