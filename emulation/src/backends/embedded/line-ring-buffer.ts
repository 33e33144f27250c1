/**
 * The last N lines of a child process's output, kept so that a failed start can say why
 * without the output being printed while everything works.
 * @module
 */

/**
 * Collects text chunks (which may split lines anywhere) and keeps only the newest lines.
 *
 * @example
 * ```ts
 * const stderr = new LineRingBuffer(200);
 * child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
 * throw new Error(`moto did not start:\n${stderr.tail(20).join('\n')}`);
 * ```
 */
export class LineRingBuffer {
  readonly #capacity: number;
  readonly #lines: string[] = [];
  #partialLine = '';

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`LineRingBuffer capacity must be a positive integer, got ${capacity}`);
    }
    this.#capacity = capacity;
  }

  /** Adds a chunk of output; an unterminated last line waits for the next chunk. */
  push(chunk: string): void {
    const parts = (this.#partialLine + chunk).split(/\r?\n/);
    this.#partialLine = parts.pop() ?? '';
    for (const line of parts) this.#append(line);
  }

  /** The newest `count` lines (all kept lines by default), oldest first, including an unterminated last line. */
  tail(count = this.#capacity): string[] {
    const lines = this.#partialLine === '' ? this.#lines : [...this.#lines, this.#partialLine];
    return lines.slice(-count);
  }

  #append(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.#capacity) this.#lines.splice(0, this.#lines.length - this.#capacity);
  }
}
