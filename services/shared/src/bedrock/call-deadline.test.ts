import { afterEach, describe, expect, it, vi } from 'vitest';
import { callBudgetMs, CallDeadlineError, startDeadline } from './call-deadline.ts';

const settings = { timeoutMs: 120_000, deadlineMarginMs: 2_000, minCallMs: 1_000 };

describe('callBudgetMs', () => {
  it('uses BEDROCK_TIMEOUT_MS when the Lambda has more time (the 180 s processor)', () => {
    expect(callBudgetMs(settings, () => 179_000)).toBe(120_000);
  });

  it('uses the remaining time minus the margin when that is shorter (a 30 s API function)', () => {
    expect(callBudgetMs(settings, () => 29_000)).toBe(27_000);
    expect(callBudgetMs(settings, () => 3_000.7)).toBe(1_000);
  });

  it('uses BEDROCK_TIMEOUT_MS alone outside Lambda or when the remaining time is not a number', () => {
    expect(callBudgetMs(settings)).toBe(120_000);
    expect(callBudgetMs(settings, () => Number.NaN)).toBe(120_000);
  });

  it('refuses a call that cannot fit, before it starts', () => {
    for (const remaining of [2_999, 2_000, 500, -10]) {
      const error: unknown = (() => {
        try {
          callBudgetMs(settings, () => remaining);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, String(remaining)).toBeInstanceOf(CallDeadlineError);
      expect(error).toMatchObject({ started: false, budgetMs: Math.max(0, remaining - 2_000) });
    }
  });
});

describe('startDeadline', () => {
  afterEach(() => vi.useRealTimers());

  it('aborts with a TimeoutError when the budget is spent, not before', () => {
    vi.useFakeTimers();
    const deadline = startDeadline(1_000);
    vi.advanceTimersByTime(999);
    expect(deadline.expired()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.expired()).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('never fires once cleared', () => {
    vi.useFakeTimers();
    const deadline = startDeadline(1_000);
    deadline.clear();
    vi.advanceTimersByTime(5_000);
    expect(deadline.signal.aborted).toBe(false);
  });
});
