/**
 * The processor's dependencies from the environment, once per process (Lambda container): the
 * database (`DATABASE_*`), the shared Bedrock client (`BEDROCK_*`, `COST_TABLE_NAME`), the PHI
 * cipher (`PHI_KMS_KEY_ARN`), the temp bucket and the processing queue (`DOCUMENTS_BUCKET`,
 * `PROCESSING_QUEUE_URL`, through the shared documents config) and the processor settings
 * (`PROCESSING_*`). A missing or malformed variable fails the container's start, naming it.
 *
 * @example
 * ```ts
 * export const handler = createProcessorHandler(processorDependenciesFromEnvironment());
 * ```
 * @module
 */
import { s3Client, sqsClient } from '#shared/aws/clients.ts';
import { bedrockClient } from '#shared/bedrock/default-bedrock-client.ts';
import { databaseConfig } from '#shared/config/database-config.ts';
import { documentsConfig } from '#shared/config/documents-config.ts';
import { once } from '#shared/config/load-config.ts';
import { phiCipher } from '#shared/crypto/index.ts';
import { createDatabase } from '#shared/db/database.ts';
import { createS3DocumentStore } from './document-store.ts';
import { createSqsProcessingQueue } from './processing-queue.ts';
import { processorConfig } from './processor-config.ts';
import type { ProcessorDependencies } from './processor-dependencies.ts';
import type { StaleJobSweeperDependencies } from './stale-job-sweeper.ts';

/** One database handle per process, shared by both entry points should they share a bundle. */
const database = once(() => createDatabase(databaseConfig()));

/**
 * Everything the SQS handler needs.
 *
 * @example
 * ```ts
 * const deps = processorDependenciesFromEnvironment();
 * ```
 */
export function processorDependenciesFromEnvironment(): ProcessorDependencies {
  const { bucket, queueUrl } = documentsConfig();
  return {
    db: database().db,
    bedrock: bedrockClient(),
    documents: createS3DocumentStore(s3Client(), bucket),
    cipher: phiCipher(),
    queue: createSqsProcessingQueue(sqsClient(), queueUrl),
    config: processorConfig(),
  };
}

/**
 * What the stale-job sweeper needs (no Bedrock, bucket or key).
 *
 * @example
 * ```ts
 * const deps = sweeperDependenciesFromEnvironment();
 * ```
 */
export function sweeperDependenciesFromEnvironment(): StaleJobSweeperDependencies {
  return {
    db: database().db,
    queue: createSqsProcessingQueue(sqsClient(), documentsConfig().queueUrl),
    config: processorConfig(),
  };
}
