/**
 * Counts the KMS operations a client sends, by command name, with a middleware on the client
 * itself: what caching saves is visible as calls that never happened.
 *
 * @example
 * ```ts
 * const kms = new KMS({});
 * const calls = countKmsCalls(kms);
 * await cipher.encrypt('x', context);
 * calls.get('GenerateDataKeyCommand'); // 1
 * ```
 * @module
 */
import type { KMSClient } from '@aws-sdk/client-kms';

export interface KmsCallCounts {
  /** Calls of one command (`GenerateDataKeyCommand`, `DecryptCommand`, …) since the last reset. */
  get(commandName: string): number;
  reset(): void;
}

/**
 * Adds a counting middleware to `client` (initialize step: once per operation, not per retry).
 *
 * @example
 * ```ts
 * const calls = countKmsCalls(kms);
 * calls.reset();
 * ```
 */
export function countKmsCalls(client: KMSClient): KmsCallCounts {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? 'unknown';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'serenyaKmsCallCounter' },
  );
  return { get: (name) => counts.get(name) ?? 0, reset: () => counts.clear() };
}
