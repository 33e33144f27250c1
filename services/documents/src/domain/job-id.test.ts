import { describe, expect, it } from 'vitest';
import { isJobId } from './job-id.ts';

describe('isJobId', () => {
  it('accepts canonical UUIDs of any version and case', () => {
    expect(isJobId(crypto.randomUUID())).toBe(true);
    expect(isJobId('0B6C7A8E-2F1D-1C3B-9A8E-1D2C3B4A5F60')).toBe(true);
  });

  it('refuses anything PostgreSQL would choke on or that is not an id', () => {
    for (const value of ['', '42', 'not-a-uuid', '0b6c7a8e2f1d4c3b9a8e1d2c3b4a5f60', '{0b6c7a8e-2f1d-4c3b-9a8e-1d2c3b4a5f60}', '0b6c7a8e-2f1d-4c3b-9a8e-1d2c3b4a5f6', "0b6c7a8e-2f1d-4c3b-9a8e-1d2c3b4a5f60' or 1=1"]) {
      expect(isJobId(value), value).toBe(false);
    }
  });
});
