/**
 * One TCP port that serves HTTP/2 cleartext with prior knowledge (h2c, what the AWS SDK for
 * JavaScript v3 speaks since 3.798) and HTTP/1.1 (boto3, curl, fetch) with one request handler.
 *
 * `http2.createServer({ allowHTTP1: true })` does not do this on cleartext: HTTP/1 fallback
 * needs TLS ALPN. So a `net.Server` reads the first chunk of each connection and hands the
 * socket to an `http2` or an `http` server by its first bytes.
 * @see /work/shared/docs/BEDROCK.md §2.1
 * @module
 */
import http from 'node:http';
import http2 from 'node:http2';
import net, { type AddressInfo, type Socket } from 'node:net';
import { ReplayDuplex } from './replay-duplex.ts';

/** The HTTP/2 connection preface starts with these 14 bytes (RFC 9113 §3.4). */
const HTTP2_PREFACE_START = 'PRI * HTTP/2.0';

/** The request of either protocol; the http2 compat API makes them interchangeable. */
export type AnyRequest = http.IncomingMessage | http2.Http2ServerRequest;

/**
 * What the mock uses of a response, common to `http.ServerResponse` and the http2 compat
 * `Http2ServerResponse` (a union of the two has no callable `writeHead`).
 */
export interface AnyResponse {
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  readonly writableFinished: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: Uint8Array | string): boolean;
  end(chunk?: Uint8Array | string): unknown;
  destroy(): unknown;
  once(event: 'close' | 'drain', listener: () => void): unknown;
}

export type RequestHandler = (req: AnyRequest, res: AnyResponse) => void;

export interface DualProtocolListener {
  readonly port: number;
  readonly host: string;
  /** Stops accepting, destroys open connections (h2 sessions included). Idempotent. */
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (port 0 = a free one) and serves h2c and HTTP/1.1 with `handler`.
 *
 * @example
 * ```ts
 * const listener = await listenDualProtocol({ host: '127.0.0.1', port: 0 }, (req, res) => res.end('ok'));
 * await fetch(`http://127.0.0.1:${listener.port}/`); // HTTP/1.1
 * await listener.close();
 * ```
 */
export async function listenDualProtocol(
  address: { host: string; port: number },
  handler: RequestHandler,
): Promise<DualProtocolListener> {
  const h1 = http.createServer(handler);
  // Keep-alive sockets of boto3/undici are ours to close on stop(); no idle timeout surprises.
  h1.keepAliveTimeout = 5_000;
  const h2 = http2.createServer(handler);
  const sockets = new Set<Socket>();
  const sessions = new Set<http2.Http2Session>();
  h2.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A peer that resets before sending anything must not crash the process.
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      if (first.subarray(0, HTTP2_PREFACE_START.length).toString('latin1') === HTTP2_PREFACE_START) {
        socket.pause();
        h2.emit('connection', new ReplayDuplex(socket, first));
      } else {
        socket.pause();
        socket.unshift(first);
        h1.emit('connection', socket);
        socket.resume();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen({ host: address.host, port: address.port }, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  const { port } = tcp.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    port,
    host: address.host,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        tcp.close(() => resolve());
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        h1.closeAllConnections();
      });
      return closing;
    },
  };
}
