import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../observability/logger.ts';
import { BreakerPolicies } from './breaker-policies.ts';
import {
  CircuitBreaker,
  CircuitOpenError,
  CircuitTimeoutError,
  type BreakerPolicy,
  type BreakerState,
  type CircuitBreakerOptions,
} from './circuit-breaker.ts';

// Distinct thresholds, so that a mix-up of the two would show. Window and open duration are
// short, and all time is fake: nothing here really waits.
const policy: BreakerPolicy = { failureThreshold: 4, successThreshold: 3, openDurationMs: 1_000, monitorWindowMs: 1_000 };

class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

type Action = (input?: string) => Promise<string>;

const created: CircuitBreaker<Parameters<Action>, string>[] = [];

function setup(overrides: Partial<CircuitBreakerOptions<Parameters<Action>, string>> = {}) {
  const action = vi.fn<Action>(() => Promise.resolve('ok'));
  const states: BreakerState[] = [];
  const breaker = new CircuitBreaker<Parameters<Action>, string>({
    service: 'test_service',
    policy,
    action,
    onStateChange: (state) => states.push(state),
    ...overrides,
  });
  created.push(breaker);
  return { breaker, action, states };
}

/** Makes the next `times` calls fail with a fresh error each, and asserts each reaches the caller. */
async function fail(breaker: CircuitBreaker<Parameters<Action>, string>, action: ReturnType<typeof setup>['action'], times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const error = new Error(`boom ${i}`);
    action.mockRejectedValueOnce(error);
    await expect(breaker.fire()).rejects.toBe(error);
  }
}

async function succeed(breaker: CircuitBreaker<Parameters<Action>, string>, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) await expect(breaker.fire()).resolves.toBe('ok');
}

/** Opens the breaker and lets its open duration pass. */
async function toHalfOpen(setupResult: ReturnType<typeof setup>, duration = policy.openDurationMs): Promise<void> {
  await fail(setupResult.breaker, setupResult.action, policy.failureThreshold);
  expect(setupResult.breaker.state).toBe('open');
  await vi.advanceTimersByTimeAsync(duration);
  expect(setupResult.breaker.state).toBe('half_open');
}

interface MetricLine {
  namespace: string;
  name: string;
  unit: string;
  dimensions: string[][];
  Service: string;
  Status: string;
  value: number;
}

/** Collects the EMF lines written to stdout, and keeps all stdout out of the test output. */
function captureMetrics(): MetricLine[] {
  const lines: MetricLine[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) {
      if (!line.includes('"_aws"')) continue;
      const emf = JSON.parse(line) as {
        _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
        Service: string;
        Status: string;
        CircuitBreakerState: number;
      };
      const [directive] = emf._aws.CloudWatchMetrics;
      const [metric] = directive?.Metrics ?? [];
      if (!directive || !metric) continue;
      lines.push({
        namespace: directive.Namespace,
        name: metric.Name,
        unit: metric.Unit,
        dimensions: directive.Dimensions,
        Service: emf.Service,
        Status: emf.Status,
        value: emf.CircuitBreakerState,
      });
    }
    return true;
  });
  return lines;
}

let metrics: MetricLine[] = [];
let log: Record<'info' | 'warn' | 'error', ReturnType<typeof vi.fn>>;

beforeEach(() => {
  vi.useFakeTimers();
  metrics = captureMetrics();
  log = {
    info: vi.spyOn(logger, 'info').mockImplementation(() => undefined),
    warn: vi.spyOn(logger, 'warn').mockImplementation(() => undefined),
    error: vi.spyOn(logger, 'error').mockImplementation(() => undefined),
  };
});

afterEach(() => {
  for (const breaker of created.splice(0)) breaker.shutdown();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('CircuitBreaker: opening', () => {
  it('stays closed after failureThreshold - 1 failures and opens on the failureThreshold-th', async () => {
    const { breaker, action, states } = setup();
    await fail(breaker, action, policy.failureThreshold - 1);
    expect(breaker.state).toBe('closed');
    expect(states).toEqual([]);

    await fail(breaker, action, 1);
    expect(breaker.state).toBe('open');
    expect(states).toEqual(['open']);
  });

  it('does not trip on a failure percentage: one failure out of one call keeps it closed', async () => {
    const { breaker, action } = setup();
    await fail(breaker, action, 1);
    await succeed(breaker, 1);
    await fail(breaker, action, 1);
    expect(breaker.state).toBe('closed');
  });

  it('counts failures within the monitor window', async () => {
    const { breaker, action } = setup();
    await fail(breaker, action, policy.failureThreshold - 1);
    await vi.advanceTimersByTimeAsync(policy.monitorWindowMs * 0.9);
    await fail(breaker, action, 1);
    expect(breaker.state).toBe('open');
  });

  it('does not count failures older than the monitor window', async () => {
    const { breaker, action } = setup();
    await fail(breaker, action, policy.failureThreshold - 1);
    await vi.advanceTimersByTimeAsync(policy.monitorWindowMs);
    await fail(breaker, action, policy.failureThreshold - 1);
    expect(breaker.state).toBe('closed');
  });

  it('is not opened by a single failing call that outlived the window (opossum would: 1 failure / 0 fires)', async () => {
    const { breaker, action } = setup();
    const error = new Error('slow and failed');
    action.mockImplementationOnce(() => new Promise<string>((_, reject) => setTimeout(() => reject(error), 2 * policy.monitorWindowMs)));
    const outcome = expect(breaker.fire()).rejects.toBe(error);
    await vi.advanceTimersByTimeAsync(2 * policy.monitorWindowMs);
    await outcome;
    expect(breaker.state).toBe('closed');
  });

  it('fails fast with CircuitOpenError while open, without calling the action', async () => {
    const { breaker, action } = setup();
    await fail(breaker, action, policy.failureThreshold);
    action.mockClear();

    const error: unknown = await breaker.fire('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ name: 'CircuitOpenError', service: 'test_service' });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(action).not.toHaveBeenCalled();
  });

  it('passes the action its arguments and its result back', async () => {
    const { breaker, action } = setup();
    action.mockResolvedValueOnce('result');
    await expect(breaker.fire('input')).resolves.toBe('result');
    expect(action).toHaveBeenCalledWith('input');
  });

  it('rejects with the very value the action rejected with, Error or not', async () => {
    const { breaker, action } = setup();
    const notAnError = { status: 503 };
    action.mockRejectedValueOnce(notAnError);
    await expect(breaker.fire()).rejects.toBe(notAnError);
  });
});

describe('CircuitBreaker: isFailure', () => {
  it('lets excluded errors through unchanged without counting them', async () => {
    const { breaker, action } = setup({ isFailure: (error) => !(error instanceof ValidationError) });
    for (let i = 0; i < policy.failureThreshold * 2; i += 1) {
      const error = new ValidationError('bad input');
      action.mockRejectedValueOnce(error);
      await expect(breaker.fire()).rejects.toBe(error);
    }
    expect(breaker.state).toBe('closed');

    await fail(breaker, action, policy.failureThreshold - 1);
    expect(breaker.state).toBe('closed');
    await fail(breaker, action, 1);
    expect(breaker.state).toBe('open');
  });

  it('counts the call as failed when isFailure itself throws, instead of leaving it pending', async () => {
    const { breaker, action } = setup({
      isFailure: () => {
        throw new TypeError('bug in the filter');
      },
    });
    await fail(breaker, action, policy.failureThreshold);
    expect(breaker.state).toBe('open');
  });
});

describe('CircuitBreaker: call timeout', () => {
  const timed: BreakerPolicy = { ...policy, callTimeoutMs: 100 };
  const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve('late'), 10_000));

  it('rejects a call slower than callTimeoutMs with CircuitTimeoutError', async () => {
    const { breaker, action } = setup({ policy: timed });
    action.mockImplementationOnce(slow);
    const outcome = breaker.fire().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(99);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(CircuitTimeoutError);
    expect(error).toMatchObject({ name: 'CircuitTimeoutError', service: 'test_service', timeoutMs: 100 });
  });

  it('counts timeouts as failures, even when isFailure excludes every error', async () => {
    const { breaker, action } = setup({ policy: timed, isFailure: () => false });
    action.mockImplementation(slow);
    for (let i = 0; i < policy.failureThreshold; i += 1) {
      expect(breaker.state).toBe('closed');
      const outcome = expect(breaker.fire()).rejects.toBeInstanceOf(CircuitTimeoutError);
      await vi.advanceTimersByTimeAsync(100);
      await outcome;
    }
    expect(breaker.state).toBe('open');
  });

  it('has no call timeout unless the policy sets one (opossum would default to 10 s)', async () => {
    const { breaker, action } = setup();
    action.mockImplementationOnce(slow);
    const outcome = breaker.fire();
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(outcome).resolves.toBe('late');
  });
});

describe('CircuitBreaker: recovery', () => {
  it('goes half_open after openDurationMs, not before', async () => {
    const s = setup();
    await fail(s.breaker, s.action, policy.failureThreshold);
    await vi.advanceTimersByTimeAsync(policy.openDurationMs - 1);
    expect(s.breaker.state).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(s.breaker.state).toBe('half_open');
    expect(s.states).toEqual(['open', 'half_open']);
  });

  it('closes after exactly successThreshold successful trials', async () => {
    const s = setup();
    await toHalfOpen(s);
    await succeed(s.breaker, policy.successThreshold - 1);
    expect(s.breaker.state).toBe('half_open');
    await succeed(s.breaker, 1);
    expect(s.breaker.state).toBe('closed');
    expect(s.states).toEqual(['open', 'half_open', 'closed']);
  });

  it('reopens at once when the first trial fails', async () => {
    const s = setup();
    await toHalfOpen(s);
    await fail(s.breaker, s.action, 1);
    expect(s.breaker.state).toBe('open');
  });

  it('reopens at once on a failure after some successful trials, and starts counting trials afresh', async () => {
    const s = setup();
    await toHalfOpen(s);
    await succeed(s.breaker, policy.successThreshold - 1);
    await fail(s.breaker, s.action, 1);
    expect(s.breaker.state).toBe('open');
    s.action.mockClear();
    await expect(s.breaker.fire()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(s.action).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(policy.openDurationMs);
    expect(s.breaker.state).toBe('half_open');
    await succeed(s.breaker, policy.successThreshold - 1);
    expect(s.breaker.state).toBe('half_open');
    await succeed(s.breaker, 1);
    expect(s.breaker.state).toBe('closed');
  });

  it('does not count an excluded error as a successful trial', async () => {
    const s = setup({ isFailure: (error) => !(error instanceof ValidationError) });
    await toHalfOpen(s);
    await succeed(s.breaker, policy.successThreshold - 1);
    s.action.mockRejectedValueOnce(new ValidationError('bad input'));
    await expect(s.breaker.fire()).rejects.toBeInstanceOf(ValidationError);
    expect(s.breaker.state).toBe('half_open');
    await succeed(s.breaker, 1);
    expect(s.breaker.state).toBe('closed');
  });

  it('starts counting failures from zero once closed again', async () => {
    // An open duration shorter than the window: the failures that opened it are still in it.
    const s = setup({ policy: { ...policy, monitorWindowMs: 10_000 } });
    await toHalfOpen(s);
    await succeed(s.breaker, policy.successThreshold);
    expect(s.breaker.state).toBe('closed');
    await fail(s.breaker, s.action, policy.failureThreshold - 1);
    expect(s.breaker.state).toBe('closed');
    await fail(s.breaker, s.action, 1);
    expect(s.breaker.state).toBe('open');
  });
});

describe('CircuitBreaker: metric and log', () => {
  it('emits one CircuitBreakerState point per transition, none on construction', async () => {
    const s = setup();
    expect(metrics).toEqual([]);

    await toHalfOpen(s);
    await succeed(s.breaker, policy.successThreshold);
    await fail(s.breaker, s.action, policy.failureThreshold);

    expect(metrics.map((m) => m.Status)).toEqual(['open', 'half_open', 'closed', 'open']);
    for (const metric of metrics) {
      expect(metric).toMatchObject({
        namespace: 'Serenya/Errors',
        name: 'CircuitBreakerState',
        unit: 'Count',
        value: 1,
        dimensions: [['Service', 'Status']],
        Service: 'test_service',
      });
    }
  });

  it('emits nothing for calls that do not change the state', async () => {
    const s = setup();
    await succeed(s.breaker, 5);
    await fail(s.breaker, s.action, policy.failureThreshold - 1);
    expect(metrics).toEqual([]);
  });

  it('logs each transition with the breaker name', async () => {
    const s = setup();
    await toHalfOpen(s);
    await succeed(s.breaker, policy.successThreshold);
    expect(log.warn).toHaveBeenCalledWith('circuit opened', { breaker: 'test_service' });
    expect(log.info).toHaveBeenCalledWith('circuit half-open', { breaker: 'test_service' });
    expect(log.info).toHaveBeenCalledWith('circuit closed', { breaker: 'test_service' });
  });

  it('keeps working when onStateChange throws', async () => {
    const { breaker, action } = setup({
      onStateChange: () => {
        throw new Error('listener bug');
      },
    });
    await fail(breaker, action, policy.failureThreshold);
    expect(breaker.state).toBe('open');
    expect(log.error).toHaveBeenCalled();
  });
});

describe('CircuitBreaker: lifecycle', () => {
  it('leaves no timer behind after shutdown, open or closed', async () => {
    const closed = setup();
    const open = setup({ policy: { ...policy, callTimeoutMs: 100 } });
    await fail(open.breaker, open.action, policy.failureThreshold);
    expect(vi.getTimerCount()).toBeGreaterThanOrEqual(3); // two rotation intervals and the open timer
    closed.breaker.shutdown();
    open.breaker.shutdown();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fails fast with CircuitOpenError after shutdown', async () => {
    const { breaker, action } = setup();
    breaker.shutdown();
    await expect(breaker.fire()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(action).not.toHaveBeenCalled();
  });

  it('rejects invalid policies', () => {
    expect(() => setup({ policy: { ...policy, failureThreshold: 0 } })).toThrow(RangeError);
    expect(() => setup({ policy: { ...policy, successThreshold: 1.5 } })).toThrow(RangeError);
    expect(() => setup({ policy: { ...policy, monitorWindowMs: Number.NaN } })).toThrow(RangeError);
    expect(() => setup({ policy: { ...policy, callTimeoutMs: 0 } })).toThrow(RangeError);
  });
});

describe('BreakerPolicies', () => {
  it('holds the design document values', () => {
    expect(BreakerPolicies).toEqual({
      googleOAuth: { failureThreshold: 5, successThreshold: 3, openDurationMs: 30_000, monitorWindowMs: 60_000, callTimeoutMs: 5_000 },
      bedrock: { failureThreshold: 3, successThreshold: 2, openDurationMs: 45_000, monitorWindowMs: 120_000 },
      database: { failureThreshold: 10, successThreshold: 5, openDurationMs: 15_000, monitorWindowMs: 30_000, callTimeoutMs: 5_000 },
    });
  });
});
