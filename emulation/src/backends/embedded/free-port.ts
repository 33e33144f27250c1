/**
 * Free TCP ports on the loopback interface, chosen by the operating system.
 *
 * The port is released before it is returned, so another process could take it before the
 * caller binds it. Servers that we spawn (PostgreSQL, moto) cannot listen on port 0 and tell
 * us what they got, so their starters retry with a fresh port when the bind fails.
 * @module
 */
import { createServer } from 'node:net';

/** The only interface the emulation binds: nothing is reachable from outside the machine. */
export const LOOPBACK_HOST = '127.0.0.1';

/**
 * Asks the OS for a TCP port that is free on 127.0.0.1 right now.
 *
 * @example
 * ```ts
 * const port = await getFreePort();
 * spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)]);
 * ```
 */
export async function getFreePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: LOOPBACK_HOST, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`could not read the port of a listening socket (got ${String(address)})`));
        return;
      }
      const { port } = address;
      server.close((closeError) => (closeError ? reject(closeError) : resolve(port)));
    });
  });
}
