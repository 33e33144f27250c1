/**
 * The one error `PhiCipher.decrypt` throws. `reason` separates what callers treat differently:
 *
 * - `context-mismatch`: the message is intact but bound to another user, table, row or column
 *   (a value copied or swapped between rows). Never retry; worth a security alarm.
 * - `invalid-ciphertext`: not an Encryption SDK message, altered bytes, or KMS refused the data
 *   key (`InvalidCiphertextException`). Never retry; the stored value is corrupt.
 * - `key-unavailable`: KMS itself failed (throttled, unreachable, key disabled, access denied).
 *   The data may be fine; `retryable` says whether trying again later can help (answer 503).
 *
 * Messages never contain plaintext or context values; the SDK's error is kept as `cause`.
 *
 * @example
 * ```ts
 * try { return await cipher.decrypt(row.summary_enc, context); }
 * catch (error) {
 *   if (error instanceof PhiDecryptionError && error.retryable) throw AppError.unavailable();
 *   throw error;
 * }
 * ```
 * @module
 */

export const PhiDecryptionFailures = ['context-mismatch', 'invalid-ciphertext', 'key-unavailable'] as const;
export type PhiDecryptionFailure = (typeof PhiDecryptionFailures)[number];

export class PhiDecryptionError extends Error {
  readonly reason: PhiDecryptionFailure;
  /** True only for a KMS failure that may pass (throttling, 5xx, network). */
  readonly retryable: boolean;

  constructor(reason: PhiDecryptionFailure, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(messages[reason], options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PhiDecryptionError';
    this.reason = reason;
    this.retryable = reason === 'key-unavailable' && options.retryable === true;
  }
}

const messages: Record<PhiDecryptionFailure, string> = {
  'context-mismatch': 'PHI ciphertext is bound to another user, row or column',
  'invalid-ciphertext': 'PHI ciphertext is not a valid, unaltered Encryption SDK message',
  'key-unavailable': 'KMS could not decrypt the PHI data key',
};
