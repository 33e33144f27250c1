/**
 * Builds the content app for integration tests against the embedded backend: a fresh migrated
 * database reached as the application role, this file's own keys and cost table in moto, a PHI
 * cipher that counts its decryptions (cache tests), and a local RS256 key that signs the test
 * users' access tokens.
 * @module
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { sql } from 'kysely';
import { createDynamoDbDocumentClient, createS3Client } from '#shared/aws/clients.ts';
import { readDocumentsConfig } from '#shared/config/documents-config.ts';
import { storeLabContent } from '#shared/content/index.ts';
import { type PhiCipher } from '#shared/crypto/phi-cipher.ts';
import { createJob } from '#shared/jobs/document-jobs.ts';
import { readLabReportFixture, type LabReportFixture } from '../../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { interpretLabReport } from '../../../../emulation/src/mocks/bedrock/lab-interpreter/interpret-lab-report.ts';
import { insertTestUser } from '../../../../emulation/src/testing/test-users.ts';
import { createServiceTestBackend } from '../../../../emulation/src/testing/service-test-backend.ts';
import { createContentApp } from '../app.ts';
import type { ContentDependencies } from '../content-dependencies.ts';

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
  // One cost table per test file, so files running in parallel against the one moto never collide.
  const base = await createServiceTestBackend({ appDatabase: { DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_CONNECT_RETRIES: '1' }, costTablePrefix: 'content' });
  const { resources, database, admin, issuer } = base;
  const costTableName = base.costTableName!;
  const realCipher = base.cipher;
  const counters = { decrypts: 0 };
  const cipher: PhiCipher = {
    encrypt: (plaintext, context) => realCipher.encrypt(plaintext, context),
    decrypt: (ciphertext, context) => {
      counters.decrypts += 1;
      return realCipher.decrypt(ciphertext, context);
    },
  };

  const s3 = createS3Client();
  const dynamodb = createDynamoDbDocumentClient();
  const deps: ContentDependencies = {
    db: database.db,
    cipher,
    s3,
    dynamodb,
    costTableName,
    documents: readDocumentsConfig(resources.environment),
    accessTokens: issuer.accessTokens,
  };
  const app = createContentApp(deps);

  const tokenFor = issuer.tokenFor;

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
      return insertTestUser(admin.db, `google-${crypto.randomUUID()}`, plan);
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
    auditRows: base.auditRows,
    async close() {
      dynamodb.destroy();
      s3.destroy();
      await base.close();
    },
  };
  return ctx;
}

export type ContentTestContext = Awaited<ReturnType<typeof createContentTestContext>>;

export { codeOf } from '../../../../emulation/src/testing/service-test-backend.ts';
