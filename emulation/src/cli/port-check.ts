/**
 * Whether a port on 127.0.0.1 is free, asked before anything starts: a clear "port in use"
 * beats a half-started platform that stops again.
 * @module
 */
import { createServer } from 'node:net';

export async function assertPortFree(port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on 127.0.0.1 is in use: stop what holds it, or pick another with --port (0 picks a free one)`) : error);
    });
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve()));
  });
}
