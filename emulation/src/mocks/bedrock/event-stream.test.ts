import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { describe, expect, it } from 'vitest';
import { BedrockError } from './errors.ts';
import { decodeEventStream, encodeEvent, encodeException, padding } from './event-stream.ts';

describe('encodeEvent', () => {
  it('frames an event with the three headers in the service order and a padded payload', () => {
    const frame = encodeEvent('chunk', { bytes: 'e30=' });

    // prelude: total length, headers length 75 (BEDROCK.md §2.10)
    const view = new DataView(frame.buffer, frame.byteOffset);
    expect(view.getUint32(0)).toBe(frame.byteLength);
    expect(view.getUint32(4)).toBe(75);
    const message = new EventStreamCodec(toUtf8, fromUtf8).decode(frame);
    expect(Object.keys(message.headers)).toEqual([':event-type', ':content-type', ':message-type']);
    expect(message.headers[':event-type']?.value).toBe('chunk');
    expect(message.headers[':message-type']?.value).toBe('event');
    const payload = JSON.parse(toUtf8(message.body)) as { bytes: string; p: string };
    expect(payload.bytes).toBe('e30=');
    expect(payload.p).toMatch(/^a[a-zA-Z0-9]*$/);
  });
});

describe('encodeException', () => {
  it('names the lower-camel union member and carries the message', () => {
    const [event] = decodeEventStream(encodeException(new BedrockError('ThrottlingException')));
    expect(event?.headers).toEqual({
      ':exception-type': 'throttlingException',
      ':content-type': 'application/json',
      ':message-type': 'exception',
    });
    expect(event?.payload).toEqual({ message: 'Too many requests, please wait before trying again.' });
  });

  it('adds the original status of a model stream error', () => {
    const [event] = decodeEventStream(encodeException(new BedrockError('ModelStreamErrorException')));
    expect(event?.payload).toMatchObject({ originalStatusCode: 500 });
  });
});

describe('decodeEventStream', () => {
  it('splits concatenated frames', () => {
    const bytes = Buffer.concat([encodeEvent('messageStart', { role: 'assistant' }), encodeEvent('messageStop', { stopReason: 'end_turn' })]);
    expect(decodeEventStream(bytes).map((event) => event.headers[':event-type'])).toEqual(['messageStart', 'messageStop']);
  });
});

describe('padding', () => {
  it('is a non-empty prefix of the alphabet', () => {
    for (let i = 0; i < 50; i++) expect('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.startsWith(padding())).toBe(true);
  });
});
