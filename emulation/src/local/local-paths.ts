/**
 * Where `npm run local` keeps its state: `.local/` at the repository root (git-ignored).
 * @module
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this file's location: the CLI may be started from any folder. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface LocalPaths {
  /** `.local/` */
  readonly root: string;
  /** `.local/postgres`: the kept cluster and its credentials. */
  readonly postgres: string;
  /**
   * Where the cluster goes instead when, run as root, the `postgres` user cannot reach
   * `.local/` (a clone inside a 0700 folder): a folder of this clone's own under /var/tmp, which
   * survives reboots. None when the state folder was chosen (`SERENYA_LOCAL_DIR`, tests).
   */
  readonly postgresFallback?: string;
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
 * else the repository's `.local/` with the /var/tmp fallback for the cluster.
 */
export function localPaths(root: string | undefined = process.env.SERENYA_LOCAL_DIR): LocalPaths {
  const chosen = root ?? join(REPOSITORY_ROOT, '.local');
  const paths = { root: chosen, postgres: join(chosen, 'postgres'), endpointsFile: join(chosen, 'endpoints.json'), cdkOut: join(REPOSITORY_ROOT, '.local', 'cdk.out') };
  if (root !== undefined) return paths;
  const clone = createHash('sha256').update(REPOSITORY_ROOT).digest('hex').slice(0, 12);
  return { ...paths, postgresFallback: join('/var/tmp', `serenya-local-${clone}`, 'postgres') };
}
