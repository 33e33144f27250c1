/**
 * Where `npm run local` keeps its state: `.local/` at the repository root (git-ignored).
 * @module
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this file's location: the CLI may be started from any folder. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface LocalPaths {
  /** `.local/` */
  readonly root: string;
  /** `.local/postgres`: the kept cluster and its credentials. */
  readonly postgres: string;
  /** `.local/endpoints.json`: the running platform's URLs, for scripts. */
  readonly endpointsFile: string;
  /**
   * Where the synthesized stage is kept: the repository's `.local/cdk.out` whatever `root` is,
   * so tests with their own state folder share one synth (it is locked while written).
   */
  readonly cdkOut: string;
}

/**
 * The state folder: `root`, else `SERENYA_LOCAL_DIR` (tests run the CLI against a temp folder),
 * else the repository's `.local/`.
 */
export function localPaths(root: string = process.env.SERENYA_LOCAL_DIR ?? join(REPOSITORY_ROOT, '.local')): LocalPaths {
  return { root, postgres: join(root, 'postgres'), endpointsFile: join(root, 'endpoints.json'), cdkOut: join(REPOSITORY_ROOT, '.local', 'cdk.out') };
}
