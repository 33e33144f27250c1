import { afterAll, describe, expect, it } from 'vitest';
import { readDatabaseConfig } from '../config/database-config.ts';
import { createDatabase } from './database.ts';

describe('createDatabase', () => {
  // Nothing listens on port 1 and nothing connects until a query: the handle is built, never used.
  const database = createDatabase(readDatabaseConfig({ DATABASE_URL: 'postgres://serenya_app_user@127.0.0.1:1/serenya', DATABASE_SSL: 'disable' }));
  afterAll(() => database.close());

  it("takes connections through the database breaker with the design's DatabaseService values and no breaker call timeout", () => {
    // pg's connect timeout bounds each attempt; a breaker timeout would abandon a connect that may still succeed.
    expect(database.breaker.policy).toEqual({ failureThreshold: 10, successThreshold: 5, openDurationMs: 15_000, monitorWindowMs: 30_000, callTimeoutMs: undefined });
    expect(database.breaker.state).toBe('closed');
  });
});
