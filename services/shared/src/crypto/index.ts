/**
 * Envelope encryption of PHI columns: `phiCipher()` for services, `createPhiCipher` for tests
 * and tools, `PhiDecryptionError` for callers that map failures to responses.
 *
 * @example
 * ```ts
 * import { phiCipher, PhiDecryptionError } from '#shared/crypto/index.ts';
 * ```
 * @module
 */
export { phiCipher } from './default-phi-cipher.ts';
export { createPhiCipher, parseKeyArn, type PhiCipher, type PhiCipherOptions } from './phi-cipher.ts';
export { PhiContextKeys, toEncryptionContext, type PhiContext } from './phi-context.ts';
export { PhiDecryptionError, PhiDecryptionFailures, type PhiDecryptionFailure } from './phi-decryption-error.ts';
