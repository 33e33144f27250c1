/**
 * Tells a KMS outage apart from a bad ciphertext on decrypt. The Encryption SDK's KMS keyring
 * catches every KMS error and rethrows one generic "Unable to decrypt data key" error, so the
 * KMS client handed to the keyring records the errors of its `Decrypt` calls into the sink of
 * the decrypt that made them (an AsyncLocalStorage, so concurrent decrypts never mix).
 *
 * @example
 * ```ts
 * const kms = trackingKmsClientSupplier(new KMSClient({ region }), region);
 * const failures: unknown[] = [];
 * try { await collectKmsFailures(failures, () => decrypt(cmm, ciphertext)); }
 * catch (error) { classifyKmsFailures(failures); }
 * ```
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { KmsNodeClientSupplier } from '@aws-crypto/kms-keyring-node';

type EsdkKmsClient = Exclude<ReturnType<KmsNodeClientSupplier>, false>;

const sinks = new AsyncLocalStorage<unknown[]>();

/**
 * A client supplier for the keyring that answers for `region` only (the key's region; any other
 * region named in a crafted message gets no client) and records failed `Decrypt` calls.
 *
 * @example
 * ```ts
 * new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider: trackingKmsClientSupplier(kms, 'eu-west-1') });
 * ```
 */
export function trackingKmsClientSupplier(kms: KMSClient, region: string): KmsNodeClientSupplier {
  // The bare client and the three commands the keyring calls, not the `KMS` aggregate, which
  // references every KMS command (see aws/kms-client.ts).
  const client: EsdkKmsClient = {
    encrypt: (request) => kms.send(new EncryptCommand(request)),
    generateDataKey: (request) => kms.send(new GenerateDataKeyCommand(request)),
    decrypt: async (request) => {
      try {
        return await kms.send(new DecryptCommand(request));
      } catch (error) {
        sinks.getStore()?.push(error);
        throw error;
      }
    },
  };
  return (requested) => (requested === region ? client : false);
}

/**
 * Runs `work`, collecting into `sink` the KMS Decrypt errors it causes.
 *
 * @example
 * ```ts
 * const failures: unknown[] = [];
 * await collectKmsFailures(failures, () => decrypt(cmm, ciphertext));
 * ```
 */
export function collectKmsFailures<T>(sink: unknown[], work: () => Promise<T>): Promise<T> {
  return sinks.run(sink, work);
}

/** KMS errors that mean "this data key was not made under this key and context". */
const CIPHERTEXT_ERRORS = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);
const THROTTLING_ERRORS = new Set(['ThrottlingException', 'LimitExceededException', 'TooManyRequestsException']);

export type KmsFailureKind = { kind: 'ciphertext' } | { kind: 'service'; retryable: boolean } | { kind: 'none' };

/**
 * What the recorded errors say: KMS rejected the ciphertext, KMS itself failed (retryable for
 * throttling, server faults and network errors, which carry no HTTP metadata), or KMS never
 * failed (so the SDK rejected the message itself: format, header or signature).
 *
 * @example
 * ```ts
 * classifyKmsFailures([Object.assign(new Error(), { name: 'ThrottlingException' })]); // { kind: 'service', retryable: true }
 * ```
 */
export function classifyKmsFailures(failures: readonly unknown[]): KmsFailureKind {
  if (failures.length === 0) return { kind: 'none' };
  const described = failures.map(describe);
  if (described.some((failure) => CIPHERTEXT_ERRORS.has(failure.name))) return { kind: 'ciphertext' };
  const retryable = described.some((f) => THROTTLING_ERRORS.has(f.name) || f.fault === 'server' || f.httpStatus === undefined || f.httpStatus >= 500);
  return { kind: 'service', retryable };
}

function describe(error: unknown): { name: string; fault: unknown; httpStatus: number | undefined } {
  if (typeof error !== 'object' || error === null) return { name: '', fault: undefined, httpStatus: undefined };
  const { name, $fault, $metadata } = error as { name?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = $metadata?.httpStatusCode;
  return { name: typeof name === 'string' ? name : '', fault: $fault, httpStatus: typeof status === 'number' ? status : undefined };
}
