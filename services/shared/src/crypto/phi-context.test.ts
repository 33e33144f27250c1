import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contextMatches, PhiContextKeys, toEncryptionContext } from './phi-context.ts';

const userId = randomUUID();
const rowId = randomUUID();

describe('toEncryptionContext', () => {
  it('maps the four fields to the serenya:* keys', () => {
    expect(toEncryptionContext({ userId, table: 'contents', rowId, column: 'title_enc' })).toEqual({
      'serenya:user': userId,
      'serenya:table': 'contents',
      'serenya:row': rowId,
      'serenya:column': 'title_enc',
    });
    expect(Object.values(PhiContextKeys)).toEqual(['serenya:user', 'serenya:table', 'serenya:row', 'serenya:column']);
  });

  it('lower-cases ids so either spelling of a UUID binds the same row', () => {
    expect(toEncryptionContext({ userId: userId.toUpperCase(), table: 't', rowId: rowId.toUpperCase(), column: 'c' })).toMatchObject({
      'serenya:user': userId,
      'serenya:row': rowId,
    });
  });

  it.each([
    ['a user id that is not a UUID (an e-mail would leak into the header)', { userId: 'jane@example.com' }],
    ['a row id that is not a UUID', { rowId: 'Potassium' }],
    ['a table that is not an identifier', { table: 'Jane Doe' }],
    ['a column that is not an identifier', { column: 'value enc' }],
    ['an empty column', { column: '' }],
  ])('refuses %s', (_label, change) => {
    expect(() => toEncryptionContext({ userId, table: 'contents', rowId, column: 'title_enc', ...change })).toThrow(TypeError);
  });
});

describe('contextMatches', () => {
  const expected = toEncryptionContext({ userId, table: 'contents', rowId, column: 'title_enc' });

  it('accepts exactly the expected pairs, ignoring the SDK reserved aws-crypto-* pairs', () => {
    expect(contextMatches({ ...expected }, expected)).toBe(true);
    expect(contextMatches({ ...expected, 'aws-crypto-public-key': 'A1b2' }, expected)).toBe(true);
  });

  it('refuses a missing pair, a different value or an extra pair', () => {
    const { 'serenya:row': _row, ...withoutRow } = expected;
    expect(contextMatches(withoutRow, expected)).toBe(false);
    expect(contextMatches({ ...expected, 'serenya:row': randomUUID() }, expected)).toBe(false);
    expect(contextMatches({ ...expected, 'serenya:extra': 'x' }, expected)).toBe(false);
  });
});
