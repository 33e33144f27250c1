import { describe, expect, it } from 'vitest';
import { adviceFor, CRITICAL_ADVICE, STANDING_ADVICE } from './standing-advice.ts';

describe('adviceFor', () => {
  it('always says to discuss the results with a clinician', () => {
    expect(adviceFor(false)).toBe(STANDING_ADVICE);
    expect(STANDING_ADVICE).toMatch(/not a diagnosis.*discuss them with your clinician/);
  });

  it('adds urgent care when a value is critical', () => {
    expect(adviceFor(true)).toBe(`${STANDING_ADVICE} ${CRITICAL_ADVICE}`);
    expect(CRITICAL_ADVICE).toMatch(/promptly.*urgent care/);
  });
});
