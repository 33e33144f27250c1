/**
 * Iterates an async iterable until an AbortSignal fires, then rejects with the signal's reason
 * even if the source is stuck waiting for its next item. The SDK's `abortSignal` is honoured by
 * the HTTP request, but a stalled event stream must not be able to outlive our deadline either.
 *
 * @example
 * ```ts
 * for await (const event of untilAborted(response.stream, deadline.signal)) handle(event);
 * ```
 * @module
 */

/**
 * Yields `source`'s items until it ends or `signal` aborts (then throws `signal.reason`). On any
 * exit the source's iterator is asked to return, which releases the underlying stream.
 *
 * @example
 * ```ts
 * const items = untilAborted(slowSource, AbortSignal.timeout(1_000));
 * ```
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // Observed in the race below; this keeps an abort after the loop ended from being "unhandled".
  aborted.catch(() => undefined);
  let finished = false;
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done === true) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    // Not awaited: a stuck source may never settle its return() either.
    if (!finished) iterator.return?.().catch(() => undefined);
  }
}
