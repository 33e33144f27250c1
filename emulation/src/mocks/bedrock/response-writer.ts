/**
 * Writing answers on either protocol: whole JSON bodies, and event streams paced by the
 * latency behaviour, one `write()` per frame. Over HTTP/2 no connection-level headers are
 * ever set (`connection`, `keep-alive`, `transfer-encoding` are illegal there); HTTP/1.1 adds
 * chunked framing by itself when no length is given.
 * @module
 */
import type { BedrockError } from './errors.ts';
import { encodeException } from './event-stream.ts';
import { elapsedMs, type Exchange } from './exchange.ts';
import { Pacer } from './pacing.ts';
import type { AnyResponse } from './transport/dual-protocol-listener.ts';

/**
 * A complete JSON answer with its length.
 *
 * @example
 * ```ts
 * sendJson(res, 200, { 'x-amzn-requestid': id }, { output: … });
 * ```
 */
export function sendJson(res: AnyResponse, status: number, headers: Record<string, string>, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** A frame to send after the opening one, and the output tokens it carries (for pacing). */
export interface PacedFrame {
  frame: Uint8Array;
  tokens: number;
}

/** An event stream, planned before the first byte except its closing frames. */
export interface StreamPlan {
  headers: Record<string, string>;
  /** The first event (`messageStart` / `message_start`), sent when the first token is due. */
  opening: Uint8Array;
  frames: PacedFrame[];
  /** The last events, built at the end because they report the measured latencies. */
  closing(timing: { latencyMs: number; firstByteLatencyMs: number }): Uint8Array[];
}

/**
 * Writes a 200 event stream: waits for the first token, sends the opening event, then either
 * the injected mid-stream exception or the paced frames and the closing events. Stops quietly
 * if the client goes away. Returns the error it raised mid-stream, if any.
 *
 * @example
 * ```ts
 * const failed = await writeEventStream(exchange, plan);
 * ```
 */
export async function writeEventStream(exchange: Exchange, plan: StreamPlan): Promise<BedrockError | undefined> {
  const { res, signal } = exchange;
  const pacer = new Pacer(exchange.behaviour.latency, exchange.startedAt, signal);
  await pacer.firstToken();
  if (signal.aborted) return undefined;
  res.writeHead(200, plan.headers);
  res.write(plan.opening);
  const firstByteLatencyMs = elapsedMs(exchange);
  const fault = exchange.midStreamFault;
  if (fault !== undefined) {
    res.end(encodeException(fault.error));
    return fault.error;
  }
  for (const { frame, tokens } of plan.frames) {
    if (tokens > 0) await pacer.tokens(tokens);
    if (signal.aborted) return undefined;
    // Backpressure: a slow reader must not make the mock buffer a whole document's stream.
    if (!res.write(frame)) await drainOrClose(res);
  }
  if (signal.aborted) return undefined;
  const closing = plan.closing({ latencyMs: elapsedMs(exchange), firstByteLatencyMs });
  for (const frame of closing.slice(0, -1)) res.write(frame);
  res.end(closing.at(-1));
  return undefined;
}

function drainOrClose(res: AnyResponse): Promise<void> {
  return new Promise((resolve) => {
    res.once('drain', resolve);
    res.once('close', resolve);
  });
}
