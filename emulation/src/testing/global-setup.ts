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
import { detectContainerRuntime } from '../backends/container-runtime.ts';
import { startContainersTestBackend } from '../backends/containers.ts';
import { BACKEND_UNAVAILABLE_KEY, PROVIDED_BACKEND_KEY } from './provided-backend.ts';

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
  // SERENYA_TEST_BACKEND=containers: PostgreSQL and LocalStack in containers. Where no container
  // runtime exists, nothing starts and every test using the backend is skipped with the reason.
  const requested = process.env.SERENYA_TEST_BACKEND ?? 'embedded';
  if (requested !== 'embedded' && requested !== 'containers') throw new Error(`SERENYA_TEST_BACKEND must be embedded or containers, not '${requested}'`);
  if (requested === 'containers') {
    const runtime = await detectContainerRuntime();
    if (!runtime.available) {
      project.provide(BACKEND_UNAVAILABLE_KEY, `SERENYA_TEST_BACKEND=containers: ${runtime.reason}`);
      return () => Promise.resolve();
    }
  }
  const backend = requested === 'containers' ? await startContainersTestBackend() : await startEmbeddedBackend();
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
