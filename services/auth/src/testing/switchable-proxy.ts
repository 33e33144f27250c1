/**
 * A loopback HTTP proxy in front of one upstream URL that a test can switch between "up"
 * (forwards) and "down" (answers 503, or drops the connection): how the Google keys endpoint
 * going away and coming back is staged.
 * @module
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyMode = 'up' | 'error' | 'drop';

export async function startSwitchableProxy(upstream: string) {
  let mode: ProxyMode = 'up';
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    if (mode === 'drop') {
      req.socket.destroy();
      return;
    }
    if (mode === 'error') {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    fetch(upstream)
      .then(async (up) => {
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await up.arrayBuffer()));
      })
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/keys`,
    set(next: ProxyMode) {
      mode = next;
    },
    get hits() {
      return hits;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
