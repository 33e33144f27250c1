/**
 * A JS `Duplex` over a TCP socket that first replays bytes already read from it.
 *
 * Why: the listener must read the first bytes of a connection to tell HTTP/2 prior knowledge
 * (`PRI * HTTP/2.0`) from HTTP/1.1. `socket.unshift()` then `http2Server.emit('connection',
 * socket)` does not work, because http2 reads the socket's native handle and never sees the
 * unshifted bytes ("bad client magic byte string"). A plain JS stream makes http2 fall back to
 * its JS stream wrapper, which reads through `_read`, so the replayed bytes arrive first.
 * @see /work/shared/docs/BEDROCK.md §2.1
 * @module
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

/**
 * Relays `socket` both ways after pushing `first`, the chunk the caller already consumed.
 *
 * @example
 * ```ts
 * socket.once('data', (first) => h2server.emit('connection', new ReplayDuplex(socket, first)));
 * ```
 */
export class ReplayDuplex extends Duplex {
  readonly #socket: Socket;

  constructor(socket: Socket, first: Buffer) {
    super({ allowHalfOpen: false });
    this.#socket = socket;
    this.push(first);
    socket.on('data', (chunk: Buffer) => {
      // Backpressure: stop the socket until http2 asks for more through _read.
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }

  /** http2 logs and reports these; the JS wrapper does not have them by itself. */
  get remoteAddress(): string | undefined {
    return this.#socket.remoteAddress;
  }

  get remotePort(): number | undefined {
    return this.#socket.remotePort;
  }

  get remoteFamily(): string | undefined {
    return this.#socket.remoteFamily;
  }

  setNoDelay(noDelay?: boolean): this {
    this.#socket.setNoDelay(noDelay);
    return this;
  }

  setKeepAlive(enable?: boolean, initialDelay?: number): this {
    this.#socket.setKeepAlive(enable, initialDelay);
    return this;
  }

  setTimeout(timeout: number, callback?: () => void): this {
    this.#socket.setTimeout(timeout, callback);
    return this;
  }

  override _read(): void {
    this.#socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.#socket.write(chunk)) callback();
    else this.#socket.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#socket.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#socket.destroy(error ?? undefined);
    callback(error);
  }
}
