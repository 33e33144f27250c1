/**
 * The stale-job sweeper's dependencies from the environment, once per process: the database
 * (`DATABASE_*`), the processing queue (`PROCESSING_QUEUE_URL`, through the shared documents
 * config) and the processor settings (`PROCESSING_*`). Its own module, apart from the
 * processor's, because importing that one bundles Bedrock, the PHI cipher (Encryption SDK) and
 * S3 into the sweeper, which uses none of them.
 *
 * @example
 * ```ts
 * export const handler = createStaleJobSweeperHandler(sweeperDependenciesFromEnvironment());
 * ```
 * @module
 */
import { sqsClient } from '#shared/aws/sqs-client.ts';
import { documentsConfig } from '#shared/config/documents-config.ts';
import { processorDatabase } from './processor-database.ts';
import { createSqsProcessingQueue } from './processing-queue.ts';
import { processorConfig } from './processor-config.ts';
import type { StaleJobSweeperDependencies } from './stale-job-sweeper.ts';

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
    db: processorDatabase().db,
    queue: createSqsProcessingQueue(sqsClient(), documentsConfig().queueUrl),
    config: processorConfig(),
  };
}
