import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repository = join(import.meta.dirname, '..');
const wantedNode = readFileSync(join(repository, '.nvmrc'), 'utf8').trim();

/** The set-up script's own stamp: sha256sum's output (names included) hashed again, 16 hex digits. */
function stamp(cwd: string, ...files: string[]): string {
  return execFileSync('bash', ['-c', 'sha256sum "$@" | sha256sum | cut -c1-16', 'stamp', ...files], { cwd, encoding: 'utf8' }).trim();
}

/**
 * A clone-shaped folder in which set-up has already run: Node 24 in .tools (a link to the Node
 * running this test), npm packages and venv stamped as current. Nothing here downloads anything.
 */
function preparedClone(): string {
  const clone = mkdtempSync(join(tmpdir(), 'serenya-setup-'));
  mkdirSync(join(clone, 'scripts'));
  copyFileSync(join(repository, 'scripts/setup.sh'), join(clone, 'scripts/setup.sh'));
  writeFileSync(join(clone, '.nvmrc'), `${wantedNode}\n`);
  writeFileSync(join(clone, 'package.json'), '{}\n');
  writeFileSync(join(clone, 'package-lock.json'), '{}\n');
  writeFileSync(join(clone, 'requirements.txt'), 'moto[server]==5.2.5\n');
  const nodeHome = join(clone, `.tools/node-v${wantedNode}/bin`);
  mkdirSync(nodeHome, { recursive: true });
  symlinkSync(process.execPath, join(nodeHome, 'node'));
  mkdirSync(join(clone, 'node_modules/.bin'), { recursive: true });
  writeFileSync(join(clone, 'node_modules/.serenya-setup'), `${stamp(clone, 'package.json', 'package-lock.json', '.nvmrc')}\n`);
  return clone;
}

/** A PATH holding only the tools the script needs before its Python step: no python3, no npm. */
function pathWithoutPython(clone: string): string {
  const bin = join(clone, 'bare-bin');
  mkdirSync(bin);
  for (const tool of ['bash', 'sha256sum', 'cut', 'tr', 'cat', 'dirname', 'readlink', 'mkdir', 'ln', 'id', 'sed', 'basename', 'uname', 'rm']) {
    const found = execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
    symlinkSync(found, join(bin, tool));
  }
  return bin;
}

describe('scripts/setup.sh', () => {
  let clone: string;
  beforeEach(() => {
    clone = preparedClone();
  });
  afterEach(() => {
    rmSync(clone, { recursive: true, force: true });
  });

  it('stops with a message naming python3 and how to install it when python3 is missing', async () => {
    const env = { PATH: pathWithoutPython(clone), HOME: clone, SERENYA_SKIP_ACTIONLINT: '1' };
    const failure = await run(join(clone, 'bare-bin/bash'), ['scripts/setup.sh', '--quiet'], { cwd: clone, env }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('setup: error: python3 is missing: install Python 3.10 or newer (Debian: apt-get install python3 python3-venv)');
  });

  it('does nothing but report when everything is in place, and runs everything after it on Node 24', async () => {
    const python = execFileSync('bash', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();
    mkdirSync(join(clone, '.venv/bin'), { recursive: true });
    symlinkSync(python, join(clone, '.venv/bin/python'));
    writeFileSync(join(clone, '.venv/.serenya-setup'), `${stamp(clone, 'requirements.txt')}\n`);

    const env = { PATH: `${dirname(python)}:/usr/bin:/bin`, HOME: clone, SERENYA_SKIP_ACTIONLINT: '1' };
    const { stdout, stderr } = await run('bash', ['scripts/setup.sh'], { cwd: clone, env });
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n');
    expect(lines).toEqual([`setup: node v${process.versions.node} at ${join(clone, `.tools/node-v${wantedNode}/bin/node`)}`, expect.stringMatching(/^setup: ready: node v24\./)]);
    // npm scripts find Node 24 first: node_modules/.bin/node points at it.
    expect(execFileSync('readlink', [join(clone, 'node_modules/.bin/node')], { encoding: 'utf8' }).trim()).toBe(join(clone, `.tools/node-v${wantedNode}/bin/node`));
  });
});
