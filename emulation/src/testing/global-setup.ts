/**
 * vitest globalSetup of the `integration` project: one embedded backend (PostgreSQL with the
 * migrated template, moto, Google sign-in stand-in, Bedrock mock) per run, shared by every integration test
 * file, stopped in teardown whether tests passed or not. Should vitest itself die, the orphan
 * guards of PostgreSQL and moto stop them and remove PostgreSQL's temp dir.
 * @module
 */
import type { TestProject } from 'vitest/node';
import { startEmbeddedBackend } from '../backends/embedded.ts';
import { isEmulationDebugEnabled } from '../backends/embedded/debug-output.ts';
import { PROVIDED_BACKEND_KEY } from './provided-backend.ts';

/**
 * Starts the backend, provides its endpoints, returns the teardown.
 *
 * @example
 * ```ts
 * // vitest.config.ts
 * { test: { name: 'integration', globalSetup: ['./emulation/src/testing/global-setup.ts'] } }
 * ```
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const backend = await startEmbeddedBackend();
  if (isEmulationDebugEnabled()) console.warn(`embedded backend ready: ${JSON.stringify(backend.timings)}`);
  const { postgres, aws, google, bedrock, migrationsApplied } = backend;
  project.provide(PROVIDED_BACKEND_KEY, {
    postgres: {
      host: postgres.host,
      port: postgres.port,
      adminUser: postgres.adminUser,
      adminPassword: postgres.adminPassword,
      appUser: postgres.appUser,
      appPassword: postgres.appPassword,
      templateDatabase: postgres.templateDatabase,
    },
    aws,
    google,
    bedrock,
    migrationsApplied,
  });
  return () => backend.stop();
}
