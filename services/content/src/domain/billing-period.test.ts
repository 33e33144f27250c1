import { describe, expect, it } from 'vitest';
import { billingPeriod } from './billing-period.ts';

describe('billingPeriod', () => {
  it('is the UTC calendar month, end exclusive', () => {
    const period = billingPeriod(new Date('2026-12-31T23:59:59.999Z'));
    expect(period).toEqual({ month: '2026-12', start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
  });

  it('follows UTC, not local time', () => {
    expect(billingPeriod(new Date('2026-03-01T00:00:00Z')).month).toBe('2026-03');
  });
});
