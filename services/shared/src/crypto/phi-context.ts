/**
 * What a PHI ciphertext is bound to: its owner, table, row and column. The four pairs become the
 * AWS Encryption SDK encryption context, which is authenticated with the data (AAD) and sent to
 * KMS with every GenerateDataKey/Decrypt, so a ciphertext copied to another row, column or user
 * does not decrypt there, and CloudTrail shows whose data each KMS call served.
 *
 * The context is stored in plaintext in the message header and logged by CloudTrail, so it may
 * hold identifiers only, never PHI: ids must be UUIDs and table/column names SQL identifiers,
 * checked here rather than trusted.
 *
 * | PhiContext field | encryption context key |
 * | --- | --- |
 * | `userId` | `serenya:user` |
 * | `table` | `serenya:table` |
 * | `rowId` | `serenya:row` |
 * | `column` | `serenya:column` |
 *
 * The keys are stable: changing one makes every stored value undecryptable. A KMS key policy can
 * use them as `kms:EncryptionContext:serenya:table` conditions (S3's `aws:s3:arn` shows that
 * colons in context keys are fine there).
 *
 * @example
 * ```ts
 * const context = { userId, table: 'contents', rowId: contentId, column: 'summary_enc' };
 * toEncryptionContext(context); // { 'serenya:user': userId, 'serenya:table': 'contents', … }
 * ```
 * @module
 */

export interface PhiContext {
  /** The owner's `users.id` (a UUID). */
  userId: string;
  /** The table that holds the value, e.g. `contents`. */
  table: string;
  /** The id (a UUID) of the row that holds the value. */
  rowId: string;
  /** The ciphertext column, e.g. `summary_enc`. */
  column: string;
}

/** The encryption context keys, one per PhiContext field. */
export const PhiContextKeys = {
  userId: 'serenya:user',
  table: 'serenya:table',
  rowId: 'serenya:row',
  column: 'serenya:column',
} as const satisfies Record<keyof PhiContext, string>;

/**
 * The prefix the Encryption SDK reserves for its own context pairs (the signing suites add
 * `aws-crypto-public-key`). Callers cannot set such keys, so ignoring them when comparing is safe.
 */
const RESERVED_PREFIX = 'aws-crypto-';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * The encryption context for `context`. Throws a TypeError for a field that is not an id or an
 * identifier: that is a programming error, and the check is what keeps PHI out of the header.
 *
 * @example
 * ```ts
 * await encrypt(cmm, plaintext, { encryptionContext: toEncryptionContext(context) });
 * ```
 */
export function toEncryptionContext(context: PhiContext): Record<string, string> {
  if (!UUID.test(context.userId)) throw new TypeError('PhiContext.userId must be a UUID');
  if (!UUID.test(context.rowId)) throw new TypeError('PhiContext.rowId must be a UUID');
  if (!IDENTIFIER.test(context.table)) throw new TypeError('PhiContext.table must be a lower-case SQL identifier');
  if (!IDENTIFIER.test(context.column)) throw new TypeError('PhiContext.column must be a lower-case SQL identifier');
  // Lower-cased so a UUID spelled in upper case by one caller still matches its stored row.
  return {
    [PhiContextKeys.userId]: context.userId.toLowerCase(),
    [PhiContextKeys.table]: context.table,
    [PhiContextKeys.rowId]: context.rowId.toLowerCase(),
    [PhiContextKeys.column]: context.column,
  };
}

/**
 * Whether a decrypted message's header context holds exactly `expected`: every expected pair,
 * and no other pair apart from the SDK's reserved ones. The JS Encryption SDK does not compare
 * contexts on decrypt, so without this a ciphertext moved to another row would decrypt there.
 *
 * @example
 * ```ts
 * if (!contextMatches(messageHeader.encryptionContext, toEncryptionContext(context))) throw …;
 * ```
 */
export function contextMatches(actual: Readonly<Record<string, string>>, expected: Readonly<Record<string, string>>): boolean {
  const actualKeys = Object.keys(actual).filter((key) => !key.startsWith(RESERVED_PREFIX));
  const expectedKeys = Object.keys(expected);
  if (actualKeys.length !== expectedKeys.length) return false;
  return expectedKeys.every((key) => Object.hasOwn(actual, key) && actual[key] === expected[key]);
}
