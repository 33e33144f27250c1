/**
 * Envelope encryption of PHI columns with the AWS Encryption SDK: a KMS keyring on the database
 * key (`PHI_KMS_KEY_ARN`) wraps one data key per message; a caching materials manager reuses
 * data keys for a short time, so repeated work under one context costs one KMS call instead of
 * one per message. Every value is bound to its owner, table, row and column by the encryption
 * context (see `phi-context.ts`), which `decrypt` checks, because the JS SDK does not.
 *
 * Choices, and why:
 * - Commitment policy `REQUIRE_ENCRYPT_REQUIRE_DECRYPT`: key-committing suites only, and no
 *   message without commitment is ever accepted.
 * - The SDK's default suite (AES-256-GCM, HKDF, key commitment, ECDSA P-384 signature): the
 *   processor writes and the API services read, so a reader able to call kms:Decrypt must
 *   still not be able to forge a value. Measured against the non-signing committing suite:
 *   ~200 bytes more per value (676 B against 478 B for a 3-byte value) and about a quarter of
 *   the local throughput (280 against 1,100 cached round trips/s on 2 cores).
 * - At most one encrypted data key per message: we only ever write one, and the limit stops a
 *   crafted message from making us call KMS many times.
 * - Caching: the cache key includes the encryption context, and each value has its own
 *   context (row and column), so encrypts of different values never share a data key; what
 *   caching saves is repeated decrypts of the same value (a content read twice, a timeline
 *   page reloaded) and repeated encrypts under one context. `cacheMaxAgeSeconds: 0` turns it
 *   off. A cached data key outlives a revoked KMS grant by at most `cacheMaxAgeSeconds`.
 * - A key ARN gives a strict keyring; an alias ARN adds a discovery keyring for decrypt (see
 *   `keyringFor`).
 * - The KMS client has no endpoint in code: the SDK reads `AWS_ENDPOINT_URL(_KMS)`, which is
 *   how moto is reached locally.
 *
 * @example
 * ```ts
 * const cipher = createPhiCipher({ keyArn, cacheMaxAgeSeconds: 300, cacheMaxMessages: 1000 });
 * const context = { userId, table: 'contents', rowId: contentId, column: 'summary_enc' };
 * const summaryEnc = await cipher.encrypt(summary, context);
 * const again = await cipher.decrypt(summaryEnc, context); // === summary
 * ```
 * @module
 */
import { randomUUID } from 'node:crypto';
// The Encryption SDK's parts we use, not `@aws-crypto/client-node`: that is CommonJS re-exporting
// every keyring, so a bundle carried the raw RSA/AES keyrings and the hierarchical keyring's
// branch keystore (DynamoDB) that we never use.
import { getLocalCryptographicMaterialsCache, NodeCachingMaterialsManager } from '@aws-crypto/caching-materials-manager-node';
import { buildDecrypt } from '@aws-crypto/decrypt-node';
import { buildEncrypt } from '@aws-crypto/encrypt-node';
import { KmsKeyringNode, type KmsNodeClientSupplier } from '@aws-crypto/kms-keyring-node';
import { CommitmentPolicy, MultiKeyringNode, type KeyringNode, type NodeMaterialsManager } from '@aws-crypto/material-management-node';
import { KMSClient } from '@aws-sdk/client-kms';
import { classifyKmsFailures, collectKmsFailures, trackingKmsClientSupplier } from './kms-failure-tracking.ts';
import { contextMatches, toEncryptionContext, type PhiContext } from './phi-context.ts';
import { PhiDecryptionError } from './phi-decryption-error.ts';

export interface PhiCipher {
  /** Encrypts UTF-8 text into an Encryption SDK message bound to `context`. */
  encrypt(plaintext: string, context: PhiContext): Promise<Buffer>;
  /**
   * Decrypts a message made by `encrypt` with the same context. Throws PhiDecryptionError when
   * the message is bound to any other context, is altered or invalid, or KMS fails.
   */
  decrypt(ciphertext: Uint8Array, context: PhiContext): Promise<string>;
}

export interface PhiCipherOptions {
  /** The database key, as a key or alias ARN (a bare `alias/x` has no region: the SDK refuses it). */
  keyArn: string;
  /** How long a data key may be reused; 0 turns caching off. */
  cacheMaxAgeSeconds: number;
  /** How many messages one cached data key may encrypt. */
  cacheMaxMessages: number;
  /** Cached data keys kept at most (least recently used go first). Default 1,000. */
  cacheCapacity?: number;
  /** A KMS client for the key's region. Default: a new one, endpoint and credentials from the environment. */
  kmsClient?: KMSClient;
}

/** Decrypted values are at most a few hundred KB (a whole interpretation); refuse to buffer more. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const DEFAULT_CACHE_CAPACITY = 1_000;

/**
 * A PhiCipher on the KMS key `keyArn`.
 *
 * @example
 * ```ts
 * const kms = new KMSClient({ region: 'eu-west-1' });
 * kms.middlewareStack.add(countCalls, { step: 'initialize' });
 * const cipher = createPhiCipher({ keyArn, cacheMaxAgeSeconds: 300, cacheMaxMessages: 1000, kmsClient: kms });
 * ```
 */
export function createPhiCipher(options: PhiCipherOptions): PhiCipher {
  const { region } = parseKeyArn(options.keyArn);
  const kms = options.kmsClient ?? new KMSClient({ region, maxAttempts: 3 });
  const materials = materialsFor(keyringFor(options.keyArn, trackingKmsClientSupplier(kms, region)), options);
  // What client-node's `buildClient` does: both halves with the same options.
  const clientOptions = { commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT, maxEncryptedDataKeys: 1 };
  const { encrypt } = buildEncrypt(clientOptions);
  const { decrypt } = buildDecrypt(clientOptions);

  return {
    async encrypt(plaintext, context) {
      const { result } = await encrypt(materials, Buffer.from(plaintext, 'utf8'), { encryptionContext: toEncryptionContext(context) });
      return result;
    },

    async decrypt(ciphertext, context) {
      const expected = toEncryptionContext(context);
      const kmsFailures: unknown[] = [];
      let decrypted: Awaited<ReturnType<typeof decrypt>>;
      try {
        decrypted = await collectKmsFailures(kmsFailures, () => decrypt(materials, ciphertext, { maxBodySize: MAX_BODY_BYTES }));
      } catch (error) {
        const failure = classifyKmsFailures(kmsFailures);
        if (failure.kind === 'service') throw new PhiDecryptionError('key-unavailable', { retryable: failure.retryable, cause: error });
        throw new PhiDecryptionError('invalid-ciphertext', { cause: error });
      }
      const { plaintext, messageHeader } = decrypted;
      if (!contextMatches(messageHeader.encryptionContext, expected)) {
        // Authentic, but someone else's value: drop the plaintext before anyone can use it.
        plaintext.fill(0);
        throw new PhiDecryptionError('context-mismatch');
      }
      const text = plaintext.toString('utf8');
      plaintext.fill(0);
      return text;
    },
  };
}

/**
 * A strict keyring on a key ARN. An alias ARN works as generator, but messages record the key
 * ARN it pointed to, which a strict keyring on the alias never matches; so with an alias, decrypt
 * goes through a discovery keyring limited to the alias's account and partition (and, through
 * the client supplier, its region). That also keeps old values readable after the alias is
 * moved to a new key.
 */
function keyringFor(keyArn: string, clientProvider: KmsNodeClientSupplier): KeyringNode {
  const generator = new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider });
  const { partition, account, resource } = parseKeyArn(keyArn);
  if (!resource.startsWith('alias/')) return generator;
  const discovery = new KmsKeyringNode({ discovery: true, discoveryFilter: { accountIDs: [account], partition }, clientProvider });
  return new MultiKeyringNode({ generator, children: [discovery] });
}

function materialsFor(keyring: KeyringNode, options: PhiCipherOptions): KeyringNode | NodeMaterialsManager {
  if (options.cacheMaxAgeSeconds <= 0) return keyring;
  return new NodeCachingMaterialsManager({
    backingMaterials: keyring,
    cache: getLocalCryptographicMaterialsCache(options.cacheCapacity ?? DEFAULT_CACHE_CAPACITY),
    // The SDK's cache ages are milliseconds.
    maxAge: options.cacheMaxAgeSeconds * 1_000,
    maxMessagesEncrypted: options.cacheMaxMessages,
    // Private to this cipher (one per process): nothing else shares the cache.
    partition: `serenya-phi-${randomUUID()}`,
  });
}

interface KeyArnParts {
  partition: string;
  region: string;
  account: string;
  /** `key/<id>` or `alias/<name>`. */
  resource: string;
}

/**
 * The parts of a KMS key or alias ARN (`arn:aws:kms:<region>:<account>:key/<id>`). A bare key id
 * or `alias/x` names no region, which the keyring needs, so it is refused.
 *
 * @example
 * ```ts
 * parseKeyArn('arn:aws:kms:eu-west-1:123456789012:alias/serenya-database').region; // 'eu-west-1'
 * ```
 */
export function parseKeyArn(keyArn: string): KeyArnParts {
  const [prefix, partition, service, region, account, ...rest] = keyArn.split(':');
  const resource = rest.join(':');
  if (prefix !== 'arn' || !partition || service !== 'kms' || !region || !account || !/^(key|alias)\/./.test(resource)) {
    throw new TypeError('the PHI key must be a KMS key or alias ARN, which names its region');
  }
  return { partition, region, account, resource };
}
