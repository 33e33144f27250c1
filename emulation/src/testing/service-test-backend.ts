/**
 * The foundation every service's integration tests stand on, built once per test file: a
 * fresh migrated database with the application role's handle and an admin handle, the
 * pipeline's AWS resources in moto (bucket, queue, keys), the PHI cipher on the database key,
 * an access-token issuer, optionally a cost table, and one `close()` that removes them all.
 * AWS SDK clients reach moto through the environment, which this stubs as Lambda would see it.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { vi } from 'vitest';
import { readDatabaseConfig } from '../../../services/shared/src/config/database-config.ts';
import { createPhiCipher } from '../../../services/shared/src/crypto/index.ts';
import { createDatabase, type DatabaseOptions } from '../../../services/shared/src/db/database.ts';
import { createTestTokenIssuer } from '../../../services/shared/src/testing/test-token-issuer.ts';
import { createCostTable } from './cost-table.ts';
import { awsTestEnvironment, createTestDatabase, getTestBackend } from './backend.ts';
import { awsClientConfig, createDocumentResources, type DocumentResourceOptions } from './document-resources.ts';

export interface ServiceTestBackendOptions {
  /** DATABASE_* overrides for the application role's handle (timeouts, or another URL). */
  appDatabase?: Record<string, string>;
  /** Options of the application role's handle (e.g. a short database breaker policy). */
  appDatabaseOptions?: DatabaseOptions;
  /** Creates a cost table in moto's DynamoDB, named `cost-<prefix>-<random>`. */
  costTablePrefix?: string;
  /** Queue settings of the pipeline's resources (receives before the DLQ, visibility timeout). */
  resources?: DocumentResourceOptions;
}

/**
 * @example
 * ```ts
 * const base = await createServiceTestBackend({ costTablePrefix: 'chat' });
 * const app = createChatApp({ db: base.database.db, cipher: base.cipher, accessTokens: base.issuer.accessTokens, … });
 * afterAll(() => base.close());
 * ```
 */
export async function createServiceTestBackend(options: ServiceTestBackendOptions = {}) {
  for (const [name, value] of Object.entries(awsTestEnvironment())) vi.stubEnv(name, value);
  const backend = getTestBackend();
  const costTableName = options.costTablePrefix === undefined ? undefined : `cost-${options.costTablePrefix}-${randomBytes(4).toString('hex')}`;
  const [testDb, resources, issuer] = await Promise.all([
    createTestDatabase(),
    createDocumentResources(backend.aws, options.resources),
    createTestTokenIssuer(),
    costTableName === undefined ? undefined : createCostTable(backend.aws, costTableName),
  ]);
  const database = createDatabase(readDatabaseConfig({ DATABASE_URL: testDb.appUrl, DATABASE_SSL: 'disable', ...options.appDatabase }), options.appDatabaseOptions);
  // The admin connection: fixtures, and what the application role may not do.
  const admin = createDatabase(readDatabaseConfig({ DATABASE_URL: testDb.adminUrl, DATABASE_SSL: 'disable' }));
  const cipher = createPhiCipher({ keyArn: resources.phiKeyArn, cacheMaxAgeSeconds: 300, cacheMaxMessages: 1_000 });

  return {
    backend,
    testDb,
    resources,
    database,
    admin,
    cipher,
    issuer,
    /** Set when `costTablePrefix` was given. */
    costTableName,
    /** Audit rows (read as admin), oldest first, narrowed by action, actor and request id. */
    auditRows: async (filter: { action?: string; actorId?: string; requestId?: string } = {}) => {
      let query = admin.db.selectFrom('audit_events').selectAll().orderBy('occurred_at');
      if (filter.action) query = query.where('action', '=', filter.action);
      if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
      if (filter.requestId) query = query.where('request_id', '=', filter.requestId);
      return query.execute();
    },
    async close(): Promise<void> {
      await database.close();
      await admin.close();
      if (costTableName !== undefined) {
        const dynamodb = new DynamoDBClient(awsClientConfig(backend.aws));
        await dynamodb.send(new DeleteTableCommand({ TableName: costTableName })).catch(() => undefined);
        dynamodb.destroy();
      }
      await testDb.drop();
      vi.unstubAllEnvs();
    },
  };
}

export type ServiceTestBackend = Awaited<ReturnType<typeof createServiceTestBackend>>;

/** The error code of an error response. */
export async function codeOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}
