/**
 * Test stand-in for what the Lambda Node.js runtime gives a response-streaming handler: the
 * `awslambda` global (`streamifyResponse`, `HttpResponseStream.from`) and a response stream that
 * records every write separately, so a test sees how the body was chunked, not only its text.
 *
 * @example
 * ```ts
 * installFakeStreamingRuntime();
 * const { handler } = await import('./stream-handler.ts');
 * const response = await invokeStreaming(handler, event, context);
 * response.prelude.statusCode; response.chunks.length;
 * ```
 * @module
 */
import { Writable } from 'node:stream';
import { vi } from 'vitest';

export interface ResponsePrelude {
  statusCode?: number;
  headers?: Record<string, string>;
  cookies?: string[];
}

export interface StreamedResponse {
  prelude: ResponsePrelude;
  /** Each write as the handler made it, as text. */
  chunks: string[];
  body(): string;
}

interface RecordingStream extends Writable {
  prelude: ResponsePrelude;
}

/** Stubs the `awslambda` global (undone by `vi.unstubAllGlobals()`). */
export function installFakeStreamingRuntime(): void {
  vi.stubGlobal('awslambda', {
    streamifyResponse: <T>(handler: T): T => handler,
    HttpResponseStream: {
      from: (stream: RecordingStream, prelude: ResponsePrelude) => {
        stream.prelude = prelude;
        return stream;
      },
    },
  });
}

/** Calls a streamified handler as the runtime would and waits until its stream has ended. */
export async function invokeStreaming(
  handler: (event: unknown, stream: unknown, context: unknown) => Promise<void>,
  event: unknown,
  context: unknown,
): Promise<StreamedResponse> {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      done();
    },
  }) as RecordingStream;
  stream.prelude = {};
  const finished = new Promise<void>((resolve, reject) => stream.on('finish', resolve).on('error', reject));
  await handler(event, stream, context);
  await finished;
  return { prelude: stream.prelude, chunks, body: () => chunks.join('') };
}
