/**
 * The processor's database handle, one per process: shared by the SQS handler's and the stale-job
 * sweeper's dependency builders should both entries run in one process (the local emulator), and
 * a module of its own so neither builder has to import the other.
 *
 * @example
 * ```ts
 * const { db } = processorDatabase();
 * ```
 * @module
 */
import { databaseConfig } from '#shared/config/database-config.ts';
import { once } from '#shared/config/load-config.ts';
import { createDatabase } from '#shared/db/database.ts';

export const processorDatabase = once(() => createDatabase(databaseConfig()));
