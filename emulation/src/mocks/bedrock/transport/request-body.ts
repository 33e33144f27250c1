/**
 * Reads a request body up to Bedrock's size limit. Over the limit the rest is drained and
 * discarded (so the client still gets an answer, not a reset) and a ValidationException
 * follows.
 * @module
 */
import { BedrockError } from '../errors.ts';
import type { AnyRequest } from './dual-protocol-listener.ts';

/** Bedrock Runtime's request-body limit (BEDROCK.md §2.12). */
export const MAX_REQUEST_BODY_BYTES = 25_000_000;

/**
 * The whole body, or a ValidationException past `limit` bytes.
 *
 * @example
 * ```ts
 * const body = await readRequestBody(req);
 * ```
 */
export async function readRequestBody(req: AnyRequest, limit = MAX_REQUEST_BODY_BYTES): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) {
    throw new BedrockError('ValidationException', `The request body is ${String(size)} bytes; the maximum is ${String(limit)} bytes.`);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}
