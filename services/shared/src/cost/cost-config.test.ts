// Tests of services/shared/src/config/cost-config.ts, kept beside the cost code it configures.
import { describe, expect, it } from 'vitest';
import { readCostConfig } from '../config/cost-config.ts';

describe('cost configuration', () => {
  it('requires the table name and keeps records a year by default', () => {
    expect(readCostConfig({ COST_TABLE_NAME: 'serenya-llm-cost-tracking' })).toEqual({ tableName: 'serenya-llm-cost-tracking', ttlDays: 365 });
    expect(() => readCostConfig({})).toThrow(/COST_TABLE_NAME: is required but not set/);
  });

  it('names bad values', () => {
    expect(() => readCostConfig({ COST_TABLE_NAME: 'no spaces allowed' })).toThrow(/COST_TABLE_NAME/);
    expect(() => readCostConfig({ COST_TABLE_NAME: 'costs', COST_TTL_DAYS: '0' })).toThrow(/COST_TTL_DAYS/);
    expect(readCostConfig({ COST_TABLE_NAME: 'costs', COST_TTL_DAYS: '30' }).ttlDays).toBe(30);
  });
});
