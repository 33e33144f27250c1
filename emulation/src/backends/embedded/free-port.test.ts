import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { getFreePort, LOOPBACK_HOST } from './free-port.ts';

describe('getFreePort', () => {
  it('returns an unprivileged port that can then be bound on 127.0.0.1', async () => {
    const port = await getFreePort();

    expect(Number.isInteger(port)).toBe(true);
    expect(port).toBeGreaterThanOrEqual(1024);
    expect(port).toBeLessThanOrEqual(65535);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, LOOPBACK_HOST, resolve);
    });
    expect(server.address()).toMatchObject({ address: LOOPBACK_HOST, port });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
