/**
 * The stale-job sweeper Lambda, for a scheduled rule (e.g. `rate(5 minutes)`); see
 * stale-job-sweeper.ts. Dependencies are built at INIT, once per container.
 * @module
 */
import { sweeperDependenciesFromEnvironment } from './sweeper-dependencies-from-environment.ts';
import { createStaleJobSweeperHandler } from './stale-job-sweeper.ts';

export const handler = createStaleJobSweeperHandler(sweeperDependenciesFromEnvironment());
