import { describe, expect, it } from 'vitest';
import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor.ts';

const id = '7f1c0a52-3d7e-4a8e-9c1b-2b8f0d4e6a10';

describe('timeline cursor', () => {
  it('round-trips a position with microseconds', () => {
    const position = { createdAt: '2026-03-14T09:30:00.123456Z', id };
    expect(decodeTimelineCursor(encodeTimelineCursor(position))).toEqual(position);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['milliseconds only', encodeTimelineCursor({ createdAt: '2026-03-14T09:30:00.123Z', id })],
    ['February 30', encodeTimelineCursor({ createdAt: '2026-02-30T09:30:00.000000Z', id })],
    ['not a uuid', encodeTimelineCursor({ createdAt: '2026-03-14T09:30:00.123456Z', id: 'x' })],
  ])('rejects %s', (_name, cursor) => {
    expect(decodeTimelineCursor(cursor)).toBeUndefined();
  });
});
