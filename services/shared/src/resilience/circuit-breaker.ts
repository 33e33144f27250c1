/**
 * A circuit breaker with the design document's count-based semantics, built on opossum.
 *
 * - closed: opens once `failureThreshold` failures (errors and call timeouts, minus the errors
 *   `isFailure` excludes) fall within the rolling `monitorWindowMs`;
 * - open: every call fails fast with {@link CircuitOpenError}, the action is not called;
 * - half_open (after `openDurationMs`): trial calls go through; `successThreshold` consecutive
 *   successes close it, any failure reopens it at once.
 *
 * Why opossum plus a layer rather than opossum alone or a breaker of our own: opossum already does
 * the call wrapping, the per-call timeout, the bucketed rolling window, the open → half-open timer
 * and the events, and is well exercised. What it lacks is exactly the design's two counts: it
 * trips on an error *percentage* (so one failure out of one call opens it) and closes after *one*
 * successful trial. So opossum's own percentage trip is switched off, and this class opens it when
 * the window's failure count reaches the threshold and holds "half_open" until enough trials
 * succeeded (see the comments in the class).
 *
 * @example
 * ```ts
 * import { CircuitBreaker, CircuitOpenError } from './circuit-breaker.ts';
 * import { BreakerPolicies } from './breaker-policies.ts';
 *
 * const db = new CircuitBreaker({
 *   service: 'database',
 *   policy: BreakerPolicies.database,
 *   action: (sql: string) => pool.query(sql),
 *   isFailure: (error) => !(error instanceof ValidationError),
 * });
 * try {
 *   await db.fire('select 1');
 * } catch (error) {
 *   if (error instanceof CircuitOpenError) return serviceUnavailable(error.service);
 *   throw error;
 * }
 * ```
 * @module
 */
import { EventEmitter } from 'node:events';
import Opossum from 'opossum';
import { logger } from '../observability/logger.ts';
import { emitMetric, MetricNamespace } from '../observability/metrics.ts';

/** The state of a breaker, spelled as the `Status` dimension of the `CircuitBreakerState` metric. */
export type BreakerState = 'closed' | 'open' | 'half_open';

/**
 * How a breaker trips and recovers. All durations in milliseconds.
 *
 * @example
 * ```ts
 * const policy: BreakerPolicy = { failureThreshold: 5, successThreshold: 3, openDurationMs: 30_000, monitorWindowMs: 60_000 };
 * ```
 */
export interface BreakerPolicy {
  /** Failures within `monitorWindowMs` that open the breaker. */
  failureThreshold: number;
  /** Consecutive successful half-open trials that close it again. */
  successThreshold: number;
  /** How long it stays open before letting trials through (the design's "timeout"). */
  openDurationMs: number;
  /** The rolling window failures are counted in. */
  monitorWindowMs: number;
  /** Per-call limit; a call that exceeds it is rejected and counts as a failure. None if absent. */
  callTimeoutMs?: number;
}

/**
 * What a {@link CircuitBreaker} protects and how.
 *
 * @example
 * ```ts
 * const options: CircuitBreakerOptions<[string], Tokens> = {
 *   service: 'google_oauth', policy: BreakerPolicies.googleOAuth, action: exchangeCode,
 * };
 * ```
 */
export interface CircuitBreakerOptions<TArgs extends unknown[], TResult> {
  /** The `Service` metric dimension and log field, e.g. 'google_oauth', 'database', 'bedrock'. */
  service: string;
  policy: BreakerPolicy;
  action: (...args: TArgs) => Promise<TResult>;
  /**
   * Whether an error the action threw says the service is unhealthy. Default: every error.
   * Return false for errors that are the caller's fault (a validation error, a 4xx): they still
   * reach the caller, but neither count toward opening nor as a successful half-open trial.
   * Call timeouts always count.
   */
  isFailure?: (error: unknown) => boolean;
  /** Called on every transition (not for the initial `closed`). */
  onStateChange?: (state: BreakerState) => void;
}

/**
 * Rejection of a call made while the breaker is open (or after {@link CircuitBreaker.shutdown}):
 * the action was not called.
 *
 * @example
 * ```ts
 * if (error instanceof CircuitOpenError) logger.warn('dependency down', { dependency: error.service });
 * ```
 */
export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';
  /** The breaker's `service`. */
  readonly service: string;

  constructor(service: string, options?: ErrorOptions) {
    super(`circuit breaker for ${service} is open`, options);
    this.service = service;
  }
}

/**
 * Rejection of a call that ran longer than the policy's `callTimeoutMs`. The action itself is not
 * cancelled (opossum cannot); its late result is discarded.
 *
 * @example
 * ```ts
 * if (error instanceof CircuitTimeoutError) logger.warn('dependency slow', { dependency: error.service, ms: error.timeoutMs });
 * ```
 */
export class CircuitTimeoutError extends Error {
  override readonly name = 'CircuitTimeoutError';
  readonly service: string;
  readonly timeoutMs: number;

  constructor(service: string, timeoutMs: number, options?: ErrorOptions) {
    super(`call to ${service} timed out after ${timeoutMs} ms`, options);
    this.service = service;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Buckets of the rolling window. A failure leaves the count between (1 - 1/BUCKETS) and 1 window
 * after it happened, since opossum drops a whole bucket at a time: 1/20 is 3 s of a 60 s window.
 */
const WINDOW_BUCKETS = 20;

/** The code opossum puts on the errors it makes itself (see `buildError` in opossum's circuit.js). */
function opossumCode(error: unknown): unknown {
  if (!(error instanceof Error) || !Opossum.isOurError(error)) return undefined;
  return (error as Error & { code?: unknown }).code;
}

function assertPolicy(service: string, policy: BreakerPolicy): void {
  const check = (name: string, value: number | undefined, integer: boolean): void => {
    const valid = value !== undefined && value > 0 && (integer ? Number.isInteger(value) : Number.isFinite(value));
    if (!valid) throw new RangeError(`circuit breaker ${service}: ${name} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  };
  check('failureThreshold', policy.failureThreshold, true);
  check('successThreshold', policy.successThreshold, true);
  check('openDurationMs', policy.openDurationMs, false);
  check('monitorWindowMs', policy.monitorWindowMs, false);
  if (policy.callTimeoutMs !== undefined) check('callTimeoutMs', policy.callTimeoutMs, false);
}

/**
 * Wraps calls to one downstream service. Create one per service per process (module scope), so
 * that the state survives across Lambda invocations of a warm container.
 *
 * @example
 * ```ts
 * const bedrock = new CircuitBreaker({ service: 'bedrock', policy: BreakerPolicies.bedrock, action: invokeModel });
 * const answer = await bedrock.fire(prompt); // rejects with CircuitOpenError while bedrock is down
 * bedrock.state; // 'closed' | 'open' | 'half_open'
 * ```
 */
export class CircuitBreaker<TArgs extends unknown[], TResult> {
  readonly #service: string;
  readonly #policy: BreakerPolicy;
  readonly #isFailure: (error: unknown) => boolean;
  readonly #onStateChange: ((state: BreakerState) => void) | undefined;
  readonly #opossum: Opossum<TArgs, TResult>;
  /** Drives the window's bucket rotation, so that the window can also be emptied on close. */
  readonly #rotation = new EventEmitter();
  readonly #buckets: number;
  readonly #rotationTimer: NodeJS.Timeout;
  #state: BreakerState = 'closed';
  #trialSuccesses = 0;
  /** Set by the error filter right before opossum reports the filtered error as a 'success'. */
  #lastErrorFiltered = false;

  constructor(options: CircuitBreakerOptions<TArgs, TResult>) {
    assertPolicy(options.service, options.policy);
    this.#service = options.service;
    this.#policy = { ...options.policy };
    this.#isFailure = options.isFailure ?? (() => true);
    this.#onStateChange = options.onStateChange;

    const bucketMs = Math.max(1, Math.floor(this.#policy.monitorWindowMs / WINDOW_BUCKETS));
    this.#buckets = Math.max(1, Math.round(this.#policy.monitorWindowMs / bucketMs));
    this.#opossum = new Opossum<TArgs, TResult>(options.action, {
      name: options.service,
      // opossum's default is a 10 s timeout; without a policy value there must be none.
      timeout: this.#policy.callTimeoutMs ?? false,
      resetTimeout: this.#policy.openDurationMs,
      // With a rotateBucketController, the window is `buckets` rotations of our timer long;
      // rollingCountTimeout is then only descriptive, kept equal to that.
      rollingCountTimeout: this.#buckets * bucketMs,
      rollingCountBuckets: this.#buckets,
      rotateBucketController: this.#rotation,
      // opossum's percentage trip is off while closed: it never sees enough volume (needed also
      // against a late failure whose fire left the window, which reads as an infinite rate).
      // In opossum's half-open state the volume is not checked, so a failure still reopens it.
      volumeThreshold: Number.MAX_SAFE_INTEGER,
      errorThresholdPercentage: 100,
      errorFilter: (error: unknown) => {
        this.#lastErrorFiltered = !this.#countsAsFailure(error);
        return this.#lastErrorFiltered;
      },
      // Only the failure count is read; no latency percentiles and no snapshot timer needed.
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
    });
    this.#rotationTimer = setInterval(() => this.#rotation.emit('rotate'), bucketMs);
    // A breaker must never keep a process (or a test run) alive on its own.
    this.#rotationTimer.unref();

    // These listeners run after opossum's own (registered in its constructor): the window count
    // already includes the event, and opossum has already applied its own transition.
    this.#opossum.on('failure', () => this.#onFailure());
    this.#opossum.on('success', () => this.#onSuccess());
    this.#opossum.on('open', () => this.#enter('open'));
    this.#opossum.on('halfOpen', () => this.#enter('half_open'));
  }

  /** The current state. */
  get state(): BreakerState {
    return this.#state;
  }

  /** The policy in force, so a caller's wiring (which policy a default picks) can be checked. */
  get policy(): Readonly<BreakerPolicy> {
    return { ...this.#policy };
  }

  /**
   * Calls the action through the breaker. Resolves or rejects with exactly what the action did
   * (the same error object), except: {@link CircuitOpenError} when the breaker is open,
   * {@link CircuitTimeoutError} when the call exceeds `callTimeoutMs`.
   */
  async fire(...args: TArgs): Promise<TResult> {
    try {
      return await this.#opossum.fire(...args);
    } catch (error) {
      const code = opossumCode(error);
      if (code === 'ETIMEDOUT') throw new CircuitTimeoutError(this.#service, this.#policy.callTimeoutMs ?? 0, { cause: error });
      if (code === 'EOPENBREAKER' || code === 'ESHUTDOWN') throw new CircuitOpenError(this.#service, { cause: error });
      throw error;
    }
  }

  /** Stops the breaker's timers; later calls reject with {@link CircuitOpenError}. */
  shutdown(): void {
    clearInterval(this.#rotationTimer);
    this.#opossum.shutdown();
    this.#rotation.removeAllListeners();
  }

  #countsAsFailure(error: unknown): boolean {
    // Our own call timeout is always a failure, whatever the caller's filter says about errors.
    if (opossumCode(error) !== undefined) return true;
    try {
      return this.#isFailure(error);
    } catch (filterError) {
      // This runs inside opossum's promise handling: a throw here would leave the caller's call
      // pending forever. Count the call as failed instead.
      logger.error('circuit breaker isFailure threw', { breaker: this.#service, error: filterError as Error });
      return true;
    }
  }

  #onFailure(): void {
    if (this.#state === 'half_open') {
      // Also reached after opossum itself closed on the first trial (see #onSuccess).
      this.#opossum.open();
    } else if (this.#state === 'closed' && this.#opossum.stats.failures >= this.#policy.failureThreshold) {
      this.#opossum.open();
    }
    // While open, a failure can only come from a call started before opening: nothing to do.
  }

  #onSuccess(): void {
    const filtered = this.#lastErrorFiltered;
    this.#lastErrorFiltered = false;
    if (filtered || this.#state !== 'half_open') return;
    // opossum has just closed itself on this first successful trial. That lets further trials
    // through, while this class stays half_open until enough of them succeeded in a row.
    this.#trialSuccesses += 1;
    if (this.#trialSuccesses >= this.#policy.successThreshold) {
      this.#opossum.close();
      // Failures from before the breaker opened must not count against the recovered service.
      for (let i = 0; i < this.#buckets; i += 1) this.#rotation.emit('rotate');
      this.#enter('closed');
    }
  }

  #enter(state: BreakerState): void {
    this.#trialSuccesses = 0;
    if (state === this.#state) return;
    this.#state = state;
    const fields = { breaker: this.#service };
    if (state === 'open') logger.warn('circuit opened', fields);
    else if (state === 'half_open') logger.info('circuit half-open', fields);
    else logger.info('circuit closed', fields);
    // A broken metric or callback must not break the breaker: this runs inside opossum's events,
    // where a throw would leave the caller's call pending.
    this.#guard('metric', () =>
      emitMetric({
        namespace: MetricNamespace.errors,
        name: 'CircuitBreakerState',
        unit: 'Count',
        value: 1,
        dimensionSets: [{ Service: this.#service, Status: state }],
      }),
    );
    this.#guard('onStateChange', () => this.#onStateChange?.(state));
  }

  #guard(what: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      logger.error(`circuit breaker ${what} failed`, { breaker: this.#service, error: error as Error });
    }
  }
}
