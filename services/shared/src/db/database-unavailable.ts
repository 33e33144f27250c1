/**
 * Telling "the database is down or unreachable" (503, retry later) apart from a query that
 * failed on its own merits (a bug: 500).
 * @module
 */
import pg from 'pg';
import { CircuitOpenError } from '../resilience/circuit-breaker.ts';

/** Thrown when no connection could be had after the retries. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('database unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

// SQLSTATE class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections.
const unavailableStates = /^(08...|57P01|57P02|57P03|53300)$/;
const droppedConnection = /^Connection terminated/;

export function isDatabaseUnavailableError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (error instanceof CircuitOpenError) return error.service === 'database';
  if (error instanceof pg.DatabaseError) return unavailableStates.test(error.code ?? '');
  return error instanceof Error && droppedConnection.test(error.message);
}

/** Errors worth another connection attempt: the server may be starting, failing over or busy. */
export function isTransientConnectError(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return unavailableStates.test(error.code ?? '');
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  return error instanceof Error && /timeout|terminated/i.test(error.message);
}
