/**
 * API Gateway's throttling: a token bucket per route holding `burstLimit` tokens, refilled at
 * `rateLimit` per second; a request without a token gets 429. Written by hand: the algorithm is
 * a few lines and the libraries that offer it bring timers or stores the emulator does not need.
 * @module
 */

export interface TokenBucket {
  /** Takes a token if there is one. */
  tryTake(): boolean;
}

/**
 * @example
 * ```ts
 * const bucket = createTokenBucket({ rateLimit: 10, burstLimit: 20 });
 * if (!bucket.tryTake()) return tooManyRequests();
 * ```
 */
export function createTokenBucket(settings: { rateLimit: number; burstLimit: number }, now: () => number = () => performance.now()): TokenBucket {
  const capacity = Math.max(0, settings.burstLimit);
  const perMs = Math.max(0, settings.rateLimit) / 1000;
  let tokens = capacity;
  let last = now();
  return {
    tryTake() {
      const current = now();
      tokens = Math.min(capacity, tokens + (current - last) * perMs);
      last = current;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
