import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connectWithRetry } from './connect-with-retry.ts';
import { DatabaseUnavailableError } from './database-unavailable.ts';

function fakePool(failures: Error[]) {
  let calls = 0;
  const client = { release: () => undefined } as unknown as pg.PoolClient;
  const pool = {
    connect: () => {
      const failure = failures[calls++];
      return failure === undefined ? Promise.resolve(client) : Promise.reject(failure);
    },
  } as unknown as pg.Pool;
  return { pool, client, calls: () => calls };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const noSleep = () => Promise.resolve();

describe('connectWithRetry', () => {
  it('retries transient failures and returns the client', async () => {
    const { pool, client, calls } = fakePool([refused, refused]);
    await expect(connectWithRetry(pool, { retries: 3, sleep: noSleep })).resolves.toBe(client);
    expect(calls()).toBe(3);
  });

  it('gives up after the retries with DatabaseUnavailableError carrying the cause', async () => {
    const { pool, calls } = fakePool([refused, refused, refused, refused, refused]);
    const error = await connectWithRetry(pool, { retries: 3, sleep: noSleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).cause).toBe(refused);
    expect(calls()).toBe(4);
  });

  it('does not retry a failure that will not go away (bad password)', async () => {
    const { pool, calls } = fakePool([Object.assign(new Error('password authentication failed'), { code: '28P01' })]);
    await expect(connectWithRetry(pool, { retries: 3, sleep: noSleep })).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(calls()).toBe(1);
  });

  it('backs off exponentially with jitter, capped', async () => {
    const delays: number[] = [];
    const { pool } = fakePool([refused, refused, refused, refused]);
    await connectWithRetry(pool, { retries: 4, baseDelayMs: 100, maxDelayMs: 300, sleep: (ms) => (delays.push(ms), Promise.resolve()) });
    expect(delays).toHaveLength(4);
    [100, 200, 300, 300].forEach((cap, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(0);
      expect(delays[i]).toBeLessThanOrEqual(cap);
    });
  });
});
