import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

describe('npm run compliance', { timeout: 30_000 }, () => {
  it('explains itself with --help and exits 0 without synthesizing', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, '--help']);
    expect(stdout).toMatch(/^Usage: npm run compliance/);
    expect(stdout).toContain('--skip-checkov');
  });

  it('refuses an unknown option with a non-zero exit', async () => {
    await expect(promisify(execFile)(process.execPath, [CLI, '--no-such-option'])).rejects.toMatchObject({ code: 2 });
  });
});
