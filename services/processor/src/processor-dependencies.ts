/**
 * What the processor needs from the outside world, injected so that tests and the local runtime
 * build it against the embedded backend (or with fakes) and the Lambda handler from the
 * environment (dependencies-from-environment.ts).
 *
 * @example
 * ```ts
 * const deps: ProcessorDependencies = { db, bedrock, documents, cipher, queue, config };
 * const handler = createProcessorHandler(deps);
 * ```
 * @module
 */
import type { Kysely } from 'kysely';
import type { BedrockClient } from '#shared/bedrock/bedrock-client.ts';
import type { PhiCipher } from '#shared/crypto/index.ts';
import type { Database } from '#shared/db/schema.ts';
import type { DocumentStore } from './document-store.ts';
import type { ProcessingQueue } from './processing-queue.ts';
import type { ProcessorConfig } from './processor-config.ts';

/**
 * Everything `processDocument` and the stale-job sweeper use.
 *
 * @example
 * ```ts
 * const { db, config } = deps;
 * ```
 */
export interface ProcessorDependencies {
  db: Kysely<Database>;
  bedrock: Pick<BedrockClient, 'converse'>;
  documents: DocumentStore;
  /** Encrypts the interpretation's PHI columns (the database key). */
  cipher: PhiCipher;
  queue: ProcessingQueue;
  config: ProcessorConfig;
}
