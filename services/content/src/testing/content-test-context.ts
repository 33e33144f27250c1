/**
 * Builds the content app for integration tests against the embedded backend: a fresh migrated
 * database reached as the application role, this file's own keys and cost table in moto, a PHI
 * cipher that counts its decryptions (cache tests), and a local ES256 key that signs the test
 * users' access tokens.
 * @module
 */
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { sql } from 'kysely';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { vi } from 'vitest';
import { createDynamoDbDocumentClient, createS3Client } from '#shared/aws/clients.ts';
import { ACCESS_TOKEN_AUDIENCE } from '#shared/config/access-token-config.ts';
import { readDatabaseConfig } from '#shared/config/database-config.ts';
import { readDocumentsConfig } from '#shared/config/documents-config.ts';
import { storeLabContent } from '#shared/content/index.ts';
import { costTableDefinition } from '#shared/cost/cost-table-definition.ts';
import { createPhiCipher, type PhiCipher } from '#shared/crypto/phi-cipher.ts';
import { createDatabase, type DatabaseHandle } from '#shared/db/database.ts';
import { createJob } from '#shared/jobs/document-jobs.ts';
import { readLabReportFixture, type LabReportFixture } from '../../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { interpretLabReport } from '../../../../emulation/src/mocks/bedrock/lab-interpreter/interpret-lab-report.ts';
import { awsTestEnvironment, createTestDatabase, getTestBackend } from '../../../../emulation/src/testing/backend.ts';
import { createDocumentResources } from '../../../../emulation/src/testing/document-resources.ts';
import { insertTestUser } from '../../../../emulation/src/testing/test-users.ts';
import { createContentApp } from '../app.ts';
import type { ContentDependencies } from '../content-dependencies.ts';

export const TEST_ISSUER = 'https://auth.serenya.test';
export const TEST_MODEL_ID = 'eu.anthropic.claude-sonnet-4-6';

/**
 * The app and its helpers for one test file; `close()` in `afterAll`.
 *
 * @example
 * ```ts
 * const ctx = await createContentTestContext();
 * const userId = await ctx.createUser();
 * await ctx.storeResult(userId, 'cbc-one-low');
 * const res = await ctx.get('/content/timeline', userId);
 * ```
 */
export async function createContentTestContext() {
  for (const [name, value] of Object.entries(awsTestEnvironment())) vi.stubEnv(name, value);
  const backend = getTestBackend();
  const testDb = await createTestDatabase();
  const resources = await createDocumentResources(backend.aws);
  const database: DatabaseHandle = createDatabase(readDatabaseConfig({ DATABASE_URL: testDb.appUrl, DATABASE_SSL: 'disable', DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_CONNECT_RETRIES: '1' }));
  const admin: DatabaseHandle = createDatabase(readDatabaseConfig({ DATABASE_URL: testDb.adminUrl, DATABASE_SSL: 'disable' }));

  // One cost table per test file, so files running in parallel against the one moto never collide.
  const costTableName = `cost-content-${crypto.randomUUID().slice(0, 8)}`;
  const dynamodbAdmin = new DynamoDBClient({});
  await dynamodbAdmin.send(new CreateTableCommand(costTableDefinition(costTableName)));

  const realCipher = createPhiCipher({ keyArn: resources.phiKeyArn, cacheMaxAgeSeconds: 300, cacheMaxMessages: 1000 });
  const counters = { decrypts: 0 };
  const cipher: PhiCipher = {
    encrypt: (plaintext, context) => realCipher.encrypt(plaintext, context),
    decrypt: (ciphertext, context) => {
      counters.decrypts += 1;
      return realCipher.decrypt(ciphertext, context);
    },
  };

  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const s3 = createS3Client();
  const dynamodb = createDynamoDbDocumentClient();
  const deps: ContentDependencies = {
    db: database.db,
    cipher,
    s3,
    dynamodb,
    costTableName,
    documents: readDocumentsConfig(resources.environment),
    accessTokens: { issuer: TEST_ISSUER, audience: ACCESS_TOKEN_AUDIENCE, keys: createLocalJWKSet({ keys: [publicJwk] }) },
  };
  const app = createContentApp(deps);

  const tokenFor = (userId: string): Promise<string> =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'test-key' })
      .setSubject(userId)
      .setIssuer(TEST_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(privateKey);

  const ctx = {
    app,
    deps,
    resources,
    db: database.db,
    adminDb: admin.db,
    counters,
    costTableName,
    /** A new user row; on `free` unless a plan is given. */
    async createUser(plan?: 'free' | 'premium'): Promise<string> {
      const id = await insertTestUser(admin.db, `google-${crypto.randomUUID()}`);
      if (plan) await admin.db.insertInto('subscriptions').values({ user_id: id, plan_id: plan }).execute();
      return id;
    },
    /** A document job of the user's (what a stored result references). */
    async createJob(userId: string): Promise<string> {
      return (await createJob(database.db, { userId, mediaType: 'application/pdf', sizeBytes: 1_000 })).id;
    },
    /**
     * Stores a fixture's interpretation as the processor does (bumping the user's content
     * version); `createdAt` then pins its timestamp, to order results or make them tie.
     */
    async storeResult(userId: string, fixture: LabReportFixture, createdAt?: Date): Promise<string> {
      const { contentId } = await storeLabContent(database.db, realCipher, {
        userId,
        jobId: await ctx.createJob(userId),
        modelId: TEST_MODEL_ID,
        interpretation: interpretLabReport(readLabReportFixture(fixture)),
      });
      if (createdAt) await sql`update contents set created_at = ${createdAt} where id = ${contentId}`.execute(admin.db);
      return contentId;
    },
    /** One cost-table item as the shared cost recorder writes it (the fields the GSI reads). */
    async putCostRecord(userId: string, month: string, totalCost: number, timestamp = Date.now() + Math.random()): Promise<void> {
      await dynamodb.send(new PutCommand({ TableName: costTableName, Item: { userId, timestamp, month, inputTokens: 1_000, outputTokens: 500, totalCost, provider: 'bedrock', modelId: TEST_MODEL_ID } }));
    },
    async authorization(userId: string): Promise<Record<string, string>> {
      return { authorization: `Bearer ${await tokenFor(userId)}` };
    },
    async get(path: string, userId: string): Promise<Response> {
      return app.request(path, { headers: await ctx.authorization(userId) });
    },
    async auditRows(filter: { action?: string; actorId?: string } = {}) {
      let query = admin.db.selectFrom('audit_events').selectAll().orderBy('occurred_at');
      if (filter.action) query = query.where('action', '=', filter.action);
      if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
      return query.execute();
    },
    async close() {
      await dynamodbAdmin.send(new DeleteTableCommand({ TableName: costTableName }));
      dynamodbAdmin.destroy();
      dynamodb.destroy();
      s3.destroy();
      await database.close();
      await admin.close();
      await testDb.drop();
      vi.unstubAllEnvs();
    },
  };
  return ctx;
}

export type ContentTestContext = Awaited<ReturnType<typeof createContentTestContext>>;

/** The error code of an error response. */
export async function codeOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}
