/**
 * A single-consumer async queue: a producer pushes values as they arrive and then ends or fails
 * it; the consumer reads them with `for await`. It decouples reading Bedrock's event stream
 * (which happens inside one circuit-breaker call, so that the whole stream is one logical call)
 * from the caller's pace of reading the text.
 *
 * Unbounded on purpose: a model answer is at most some hundred kilobytes of text, and the
 * producer must drain the stream to the end to learn the usage, whatever the consumer does.
 *
 * @example
 * ```ts
 * const queue = new DeltaQueue<string>();
 * queue.push('Hel'); queue.push('lo'); queue.end();
 * for await (const text of queue) process.stdout.write(text);
 * ```
 * @module
 */
export class DeltaQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #ended = false;
  #failure: { error: unknown } | undefined;
  #wake: (() => void) | undefined;

  /** Adds a value; ignored once the queue ended or failed. */
  push(value: T): void {
    if (this.#ended || this.#failure) return;
    this.#items.push(value);
    this.#notify();
  }

  /** No more values: the consumer's loop ends after the queued ones. */
  end(): void {
    this.#ended = true;
    this.#notify();
  }

  /** The consumer's loop throws `error` after the queued values. The first failure wins. */
  fail(error: unknown): void {
    if (this.#ended || this.#failure) return;
    this.#failure = { error };
    this.#notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) {
      if (this.#items.length > 0) {
        yield this.#items.shift() as T;
        continue;
      }
      if (this.#failure) throw this.#failure.error;
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
