/**
 * The typed database handle of a service: Kysely over one pg Pool, where every connection is
 * taken with retry and through the `database` circuit breaker, so a database outage answers
 * 503 fast instead of tying up every request for the full connect timeout.
 *
 * Why Kysely: typed queries and results from one schema file, plain SQL when wanted (`sql`),
 * a migrator with an advisory lock, and no ORM runtime between the code and PostgreSQL.
 *
 * @example
 * ```ts
 * const database = createDatabase(databaseConfig());
 * const user = await database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
 * ```
 * @module
 */
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type pg from 'pg';
import type { DatabaseConfig } from '../config/database-config.ts';
import { BreakerPolicies } from '../resilience/breaker-policies.ts';
import { CircuitBreaker, type BreakerPolicy } from '../resilience/circuit-breaker.ts';
import { connectWithRetry } from './connect-with-retry.ts';
import { createPool } from './create-pool.ts';
import type { Database as Schema } from './schema.ts';

export interface DatabaseHandle {
  db: Kysely<Schema>;
  pool: pg.Pool;
  breaker: CircuitBreaker<[], pg.PoolClient>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  breakerPolicy?: BreakerPolicy;
}

export function createDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): DatabaseHandle {
  const pool = createPool(config);
  const breaker = new CircuitBreaker<[], pg.PoolClient>({
    service: 'database',
    // No breaker call timeout here: pg's own connect timeout bounds each attempt, and a
    // breaker timeout would abandon a connect that may still succeed and leak its client.
    policy: { ...(options.breakerPolicy ?? BreakerPolicies.database), callTimeoutMs: undefined },
    action: () => connectWithRetry(pool, { retries: config.connectRetries }),
  });
  const resilientPool: PostgresPool = {
    connect: () => breaker.fire(),
    end: () => pool.end(),
    options: pool.options,
  };
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: resilientPool }) });
  return {
    db,
    pool,
    breaker,
    async close() {
      breaker.shutdown();
      await db.destroy();
    },
  };
}
