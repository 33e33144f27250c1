/**
 * How long one Bedrock call may take, and the abort signal that enforces it.
 *
 * A Lambda that is cut off mid-call loses the answer and the cost record, and the caller sees a
 * gateway error instead of ours. So every call gets an `abortSignal` (BEDROCK.md §3.4) at
 * `min(BEDROCK_TIMEOUT_MS, remainingTime - BEDROCK_DEADLINE_MARGIN_MS)`; the SDK's retries run
 * inside that one budget. A budget below `BEDROCK_MIN_CALL_MS` is not spent at all: the call
 * fails at once with {@link CallDeadlineError}, which maps to 504 UPSTREAM_TIMEOUT.
 *
 * @example
 * ```ts
 * const deadline = startDeadline(callBudgetMs(config, ctx.remainingTimeMs));
 * try {
 *   await client.send(command, { abortSignal: deadline.signal });
 * } finally {
 *   deadline.clear();
 * }
 * ```
 * @module
 */

/** The three settings of {@link callBudgetMs}, as `bedrockConfig()` has them. */
export interface DeadlineSettings {
  timeoutMs: number;
  deadlineMarginMs: number;
  minCallMs: number;
}

/**
 * Our own deadline ended the call, or left no room to start it (`budgetMs` below the minimum).
 *
 * @example
 * ```ts
 * if (error instanceof CallDeadlineError && !error.started) logger.warn('no time left for the model');
 * ```
 */
export class CallDeadlineError extends Error {
  override readonly name = 'CallDeadlineError';
  /** The budget the call had (or would have had), in milliseconds. */
  readonly budgetMs: number;
  /** false: refused before calling; true: aborted while running. */
  readonly started: boolean;

  constructor(budgetMs: number, started: boolean, options?: ErrorOptions) {
    super(started ? `model call aborted at its ${budgetMs} ms deadline` : `no time left for a model call (budget ${budgetMs} ms)`, options);
    this.budgetMs = budgetMs;
    this.started = started;
  }
}

/**
 * The milliseconds one call may take. Throws {@link CallDeadlineError} when that is below
 * `minCallMs`. A `remainingTimeMs` that returns a non-finite number is ignored.
 *
 * @example
 * ```ts
 * callBudgetMs({ timeoutMs: 120_000, deadlineMarginMs: 2_000, minCallMs: 1_000 }, () => 29_000); // 27_000
 * callBudgetMs({ timeoutMs: 120_000, deadlineMarginMs: 2_000, minCallMs: 1_000 }, () => 2_500); // throws
 * ```
 */
export function callBudgetMs(settings: DeadlineSettings, remainingTimeMs?: () => number): number {
  let budget = settings.timeoutMs;
  const remaining = remainingTimeMs?.();
  if (remaining !== undefined && Number.isFinite(remaining)) budget = Math.min(budget, remaining - settings.deadlineMarginMs);
  budget = Math.floor(budget);
  if (budget < settings.minCallMs) throw new CallDeadlineError(Math.max(0, budget), false);
  return budget;
}

/**
 * A running deadline.
 *
 * @example
 * ```ts
 * const deadline = startDeadline(5_000);
 * deadline.signal; // aborts after 5 s
 * deadline.clear(); // when the call is over
 * ```
 */
export interface Deadline {
  readonly budgetMs: number;
  /** Aborts (reason: a `TimeoutError` DOMException) when the budget is spent. */
  readonly signal: AbortSignal;
  /** Whether the budget ran out. */
  expired(): boolean;
  /** Stops the timer; call when the call is over. */
  clear(): void;
}

/**
 * Starts a deadline of `budgetMs`. Its timer never keeps the process alive on its own.
 *
 * @example
 * ```ts
 * const { signal, clear } = startDeadline(27_000);
 * ```
 */
export function startDeadline(budgetMs: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`deadline of ${budgetMs} ms passed`, 'TimeoutError')), budgetMs);
  timer.unref();
  return {
    budgetMs,
    signal: controller.signal,
    expired: () => controller.signal.aborted,
    clear: () => clearTimeout(timer),
  };
}
