import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckov } from './run-checkov.ts';

/** A stand-in for the checkov executable: prints its JSON and exits with the given code. */
function fakeCheckov(exitCode: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'fake-checkov-')), 'checkov');
  writeFileSync(path, `#!/bin/sh\necho '{"summary":{}}'\necho 'checkov trouble' >&2\nexit ${exitCode}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('runCheckov', { timeout: 30_000 }, () => {
  it('returns the JSON whether every check passed (exit 0) or some failed (exit 1)', async () => {
    for (const code of [0, 1]) expect(await runCheckov(fakeCheckov(code), tmpdir(), tmpdir())).toBe('{"summary":{}}\n');
  });

  it('rejects any other exit with the tail of stderr', async () => {
    await expect(runCheckov(fakeCheckov(2), tmpdir(), tmpdir())).rejects.toThrow(/checkov exited with 2: checkov trouble/);
  });
});
