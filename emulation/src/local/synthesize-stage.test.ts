import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstFreshAssembly, synthesizeDevelopmentStage } from './synthesize-stage.ts';

let root: string;
const HOUR = 3600;
const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000);

async function file(path: string, secondsAgo: number): Promise<void> {
  const full = join(root, path);
  await mkdir(join(full, '..'), { recursive: true });
  await writeFile(full, 'x');
  await utimes(full, at(secondsAgo), at(secondsAgo));
}

/** The folders' own mtimes count too (a deleted file changes its folder): age them all. */
async function ageFolders(secondsAgo: number): Promise<void> {
  for (const folder of ['platform', 'platform/src', 'services', 'services/auth', 'services/auth/src', 'compliance']) {
    await utimes(join(root, folder), at(secondsAgo), at(secondsAgo)).catch(() => undefined);
  }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'serenya-synth-'));
  await file('platform/src/stack.ts', 3 * HOUR);
  await file('services/auth/src/app.ts', 3 * HOUR);
  await file('compliance/gate.ts', 3 * HOUR);
  await file('cdk.json', 3 * HOUR);
  await ageFolders(3 * HOUR);
  await file('cdk.out/manifest.json', 2 * HOUR);
  await mkdir(join(root, 'cdk.out', 'assembly-Development'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('firstFreshAssembly', () => {
  it('takes a cdk.out whose manifest is newer than every source', async () => {
    expect(await firstFreshAssembly(root, [join(root, 'cdk.out')])).toBe(join(root, 'cdk.out'));
  });

  it('refuses it once a source is newer, but not for a newer test file', async () => {
    await file('services/auth/src/app.test.ts', 60);
    await ageFolders(3 * HOUR);
    expect(await firstFreshAssembly(root, [join(root, 'cdk.out')])).toBe(join(root, 'cdk.out'));
    await file('platform/src/stack.ts', 60);
    expect(await firstFreshAssembly(root, [join(root, 'cdk.out')])).toBeUndefined();
  });

  it('refuses an assembly without the development stage, and tries the next candidate', async () => {
    await rm(join(root, 'cdk.out', 'assembly-Development'), { recursive: true });
    await file('other.out/manifest.json', HOUR);
    await mkdir(join(root, 'other.out', 'assembly-Development'));
    expect(await firstFreshAssembly(root, [join(root, 'cdk.out'), join(root, 'other.out')])).toBe(join(root, 'other.out'));
  });
});

describe('synthesizeDevelopmentStage', () => {
  it('reuses a fresh assembly without running cdk', async () => {
    const result = await synthesizeDevelopmentStage({ root, outdir: join(root, '.local', 'cdk.out') });
    expect(result).toMatchObject({ assemblyDir: join(root, 'cdk.out'), how: 'reused' });
  });

  it('says what failed when cdk cannot synthesize', async () => {
    await file('platform/src/stack.ts', 0);
    // No aws-cdk under this root: the CLI itself is missing, and the error says synth failed.
    await expect(synthesizeDevelopmentStage({ root, outdir: join(root, '.local', 'cdk.out') })).rejects.toThrow(/cdk synth of the Development stage failed/);
  });
});
