import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { awsEnvironment, startEmbeddedBackend } from './embedded.ts';

/** Names of the live (non-zombie) child processes of this test worker, from /proc. */
async function childProcessNames(): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (Number(ppid) === process.pid && state !== 'Z') names.push(stat.slice(stat.indexOf('(') + 1, close));
  }
  return names.sort();
}

describe('startEmbeddedBackend', () => {
  it('stops the parts that started when another part fails', async () => {
    const before = await childProcessNames();

    await expect(startEmbeddedBackend({ migrate: () => Promise.reject(new Error('migration 0042 is broken')) })).rejects.toThrow(
      'migration 0042 is broken',
    );

    // PostgreSQL and moto (and their orphan guards) are gone again.
    expect(await childProcessNames()).toEqual(before);
  });
});

describe('awsEnvironment', () => {
  it('maps the moto endpoint to the variables the AWS SDK v3 reads', () => {
    expect(
      awsEnvironment({ endpoint: 'http://127.0.0.1:5123', region: 'eu-west-1', accessKeyId: 'testing', secretAccessKey: 'testing' }),
    ).toEqual({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5123',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
    });
  });
});
