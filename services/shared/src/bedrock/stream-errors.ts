/**
 * The two ways a ConverseStream can end early that are not Bedrock exceptions.
 *
 * @example
 * ```ts
 * const stream = await bedrock.converseStream(request, ctx);
 * for await (const delta of stream) if (clientGone) break; // stream.result rejects with StreamCancelledError
 * ```
 * @module
 */

/**
 * The consumer stopped reading (it left a `for await` early): the call was aborted on purpose.
 * Neither a Bedrock failure (the breaker ignores it) nor a user-facing error.
 *
 * @example
 * ```ts
 * stream.result.catch((error) => { if (!(error instanceof StreamCancelledError)) throw error; });
 * ```
 */
export class StreamCancelledError extends Error {
  override readonly name = 'StreamCancelledError';

  constructor(options?: ErrorOptions) {
    super('the consumer stopped reading the model stream', options);
  }
}

/**
 * The event stream ended without its closing `metadata` event (which carries the usage): the
 * answer may be cut short and its cost is unknown. Treated like a model stream error.
 *
 * @example
 * ```ts
 * if (!sawMetadata) throw new IncompleteStreamError();
 * ```
 */
export class IncompleteStreamError extends Error {
  override readonly name = 'IncompleteStreamError';

  constructor(options?: ErrorOptions) {
    super('the model stream ended without its metadata event', options);
  }
}
