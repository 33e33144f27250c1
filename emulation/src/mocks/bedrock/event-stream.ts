/**
 * Frames for `application/vnd.amazon.eventstream` responses, built with Smithy's own
 * `EventStreamCodec` (prelude, headers, payload, both CRC32s), so the framing is byte-for-byte
 * what the SDKs' decoders expect.
 *
 * Headers are written in the real service's order: `:event-type`, `:content-type`,
 * `:message-type` for events; `:exception-type`, `:content-type`, `:message-type` for
 * exceptions. Every payload carries the `p` padding member the service adds against
 * token-length side channels; clients ignore it.
 * @see /work/shared/docs/BEDROCK.md §2.7, §2.9, §2.10
 * @module
 */
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { errorEventBody, exceptionMemberName, type BedrockError } from './errors.ts';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** The service's padding is a prefix of this alphabet, of random length. */
const PADDING_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A prefix of the alphabet with a random length, as the real `p` member looks.
 *
 * @example
 * ```ts
 * padding(); // e.g. 'abcdefghijklmnopq'
 * ```
 */
export function padding(): string {
  return PADDING_ALPHABET.slice(0, 1 + Math.floor(Math.random() * PADDING_ALPHABET.length));
}

/**
 * One `event` message: `:event-type` = the union member, payload = its JSON plus `p`.
 *
 * @example
 * ```ts
 * res.write(encodeEvent('messageStart', { role: 'assistant' }));
 * ```
 */
export function encodeEvent(eventType: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(JSON.stringify({ ...payload, p: padding() })),
  });
}

/**
 * One `exception` message for a modeled stream exception; the JS SDK raises its class
 * (e.g. `ThrottlingException`), boto3 an `EventStreamError` with the member name as code.
 *
 * @example
 * ```ts
 * res.end(encodeException(new BedrockError('ModelStreamErrorException')));
 * ```
 */
export function encodeException(error: BedrockError): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionMemberName(error.type) },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: fromUtf8(JSON.stringify(errorEventBody(error))),
  });
}

/** A decoded frame, for tests and tools that read the mock's streams without an SDK. */
export interface DecodedEvent {
  headers: Record<string, string>;
  payload: unknown;
}

/**
 * Splits a complete event-stream body into its messages (string headers only).
 *
 * @example
 * ```ts
 * const events = decodeEventStream(new Uint8Array(await response.arrayBuffer()));
 * events[0]?.headers[':event-type']; // 'messageStart'
 * ```
 */
export function decodeEventStream(bytes: Uint8Array): DecodedEvent[] {
  const events: DecodedEvent[] = [];
  let offset = 0;
  while (offset < bytes.byteLength) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
    const length = view.getUint32(0);
    const message = codec.decode(bytes.subarray(offset, offset + length));
    const headers: Record<string, string> = {};
    for (const [name, header] of Object.entries(message.headers)) headers[name] = String(header.value);
    events.push({ headers, payload: JSON.parse(toUtf8(message.body)) as unknown });
    offset += length;
  }
  return events;
}
