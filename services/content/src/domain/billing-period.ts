/**
 * The usage period: the current calendar month in UTC, the unit of plans' quotas and of the
 * cost table's `month` index.
 *
 * @example
 * ```ts
 * billingPeriod(new Date('2026-11-17T08:00:00Z'));
 * // { month: '2026-11', start: 2026-11-01T00:00:00.000Z, end: 2026-12-01T00:00:00.000Z }
 * ```
 * @module
 */
export interface BillingPeriod {
  /** `YYYY-MM`. */
  month: string;
  /** Inclusive. */
  start: Date;
  /** Exclusive: the first instant of the next month. */
  end: Date;
}

export function billingPeriod(now: Date): BillingPeriod {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return {
    month: `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}`,
    start: new Date(Date.UTC(year, month, 1)),
    end: new Date(Date.UTC(year, month + 1, 1)),
  };
}
