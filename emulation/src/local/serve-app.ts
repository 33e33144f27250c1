/**
 * Serves a service's Hono app over HTTP on 127.0.0.1 (through @hono/node-server), for
 * `npm run local` until the template-driven gateway exists.
 * @module
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

export interface ServedApp {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function serveApp(app: { fetch: (request: Request) => Response | Promise<Response> }, port: number): Promise<ServedApp> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on 127.0.0.1 is in use: pick another with --port`) : error);
    };
    const server: ServerType = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      server.off('error', onError);
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', onError);
  });
}
