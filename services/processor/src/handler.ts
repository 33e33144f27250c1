/**
 * The processor Lambda: SQS-triggered (batch size 1, ReportBatchItemFailures), 180 s timeout.
 * Dependencies are built at INIT, once per container; see sqs-handler.ts for the behaviour.
 * @module
 */
import { processorDependenciesFromEnvironment } from './dependencies-from-environment.ts';
import { createProcessorHandler } from './sqs-handler.ts';

export const handler = createProcessorHandler(processorDependenciesFromEnvironment());
