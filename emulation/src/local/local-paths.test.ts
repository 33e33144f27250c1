import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localPaths, REPOSITORY_ROOT } from './local-paths.ts';

describe('localPaths', () => {
  it("keeps the state in the clone's .local/, with a /var/tmp folder of this clone's own for the cluster should postgres not reach it", () => {
    const paths = localPaths(undefined);
    expect(paths.root).toBe(join(REPOSITORY_ROOT, '.local'));
    expect(paths.postgres).toBe(join(REPOSITORY_ROOT, '.local', 'postgres'));
    expect(paths.postgresFallback).toMatch(/^\/var\/tmp\/serenya-local-[0-9a-f]{12}\/postgres$/);
    expect(localPaths(undefined).postgresFallback).toBe(paths.postgresFallback);
  });

  it('has no fallback when the state folder was chosen: that choice stands, or fails saying so', () => {
    const paths = localPaths('/srv/serenya-state');
    expect(paths).toEqual({ root: '/srv/serenya-state', postgres: '/srv/serenya-state/postgres', endpointsFile: '/srv/serenya-state/endpoints.json', cdkOut: join(REPOSITORY_ROOT, '.local', 'cdk.out') });
  });
});
