/**
 * Gets a pooled connection, retrying transient failures with exponential backoff and full
 * jitter (so many Lambda containers do not reconnect in lockstep after a failover).
 * @module
 */
import type pg from 'pg';
import { DatabaseUnavailableError, isTransientConnectError } from './database-unavailable.ts';

export interface RetryOptions {
  retries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function connectWithRetry(pool: pg.Pool, options: RetryOptions): Promise<pg.PoolClient> {
  const { retries, baseDelayMs = 100, maxDelayMs = 1_000, sleep = defaultSleep } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await pool.connect();
    } catch (error) {
      if (attempt >= retries || !isTransientConnectError(error)) throw new DatabaseUnavailableError(error);
      await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
    }
  }
}
