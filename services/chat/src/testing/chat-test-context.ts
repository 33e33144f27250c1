/**
 * Builds the chat app for integration tests against the embedded backend: a fresh migrated
 * database (as the application role, plus an admin connection for fixtures and raw reads), a PHI
 * key in moto, a cost table, a Bedrock client on the shared mock (or the given one), and a local
 * ES256 key that signs the test users' access tokens.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMS } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { vi } from 'vitest';
import { createBedrockClient } from '#shared/bedrock/bedrock-client.ts';
import { ACCESS_TOKEN_AUDIENCE } from '#shared/config/access-token-config.ts';
import { readBedrockConfig } from '#shared/config/bedrock-config.ts';
import { readDatabaseConfig } from '#shared/config/database-config.ts';
import { storeLabContent } from '#shared/content/index.ts';
import { createCostRecorder } from '#shared/cost/cost-recorder.ts';
import { createPhiCipher } from '#shared/crypto/index.ts';
import { createDatabase } from '#shared/db/database.ts';
import { createJob } from '#shared/jobs/document-jobs.ts';
import { readLabReportFixture } from '../../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { createCostTable } from '../../../../emulation/src/local/cost-table.ts';
import { interpretLabReport } from '../../../../emulation/src/mocks/bedrock/lab-interpreter/index.ts';
import { awsTestEnvironment, createTestDatabase, getTestBackend } from '../../../../emulation/src/testing/backend.ts';
import { awsClientConfig, createDocumentResources } from '../../../../emulation/src/testing/document-resources.ts';
import { insertTestUser } from '../../../../emulation/src/testing/test-users.ts';
import { createChatApp } from '../app.ts';
import { readChatConfig } from '../chat-config.ts';
import type { ChatDependencies } from '../chat-dependencies.ts';

export const TEST_ISSUER = 'https://auth.serenya.test';

export interface ChatTestContextOptions {
  /** The Bedrock mock to call (default: the shared one; never `configure` that one). */
  bedrockEndpoint?: string;
  /** CHAT_* settings. */
  chat?: Record<string, string>;
  /** BEDROCK_* settings. */
  bedrock?: Record<string, string>;
}

export async function createChatTestContext(options: ChatTestContextOptions = {}) {
  for (const [name, value] of Object.entries(awsTestEnvironment())) vi.stubEnv(name, value);
  const backend = getTestBackend();
  const aws = backend.aws;
  const clientConfig = awsClientConfig(aws);
  const testDb = await createTestDatabase();
  const costTableName = `cost-chat-${randomBytes(4).toString('hex')}`;
  const [resources] = await Promise.all([createDocumentResources(aws), createCostTable(aws, costTableName)]);
  const database = createDatabase(readDatabaseConfig({ DATABASE_URL: testDb.appUrl, DATABASE_SSL: 'disable' }));
  const admin = createDatabase(readDatabaseConfig({ DATABASE_URL: testDb.adminUrl, DATABASE_SSL: 'disable' }));

  const dynamo = new DynamoDBClient(clientConfig);
  const kms = new KMS(clientConfig);
  const runtime = new BedrockRuntimeClient({
    endpoint: options.bedrockEndpoint ?? backend.bedrock.endpoint,
    region: aws.region,
    credentials: { accessKeyId: aws.accessKeyId, secretAccessKey: aws.secretAccessKey },
    maxAttempts: 1,
  });
  const bedrock = createBedrockClient({
    runtime,
    config: readBedrockConfig(options.bedrock ?? {}),
    costRecorder: createCostRecorder({ documentClient: DynamoDBDocumentClient.from(dynamo), tableName: costTableName, ttlDays: 365 }),
  });
  const cipher = createPhiCipher({ keyArn: resources.phiKeyArn, cacheMaxAgeSeconds: 300, cacheMaxMessages: 1_000, kmsClient: kms });

  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const deps: ChatDependencies = {
    db: database.db,
    cipher,
    bedrock,
    chat: readChatConfig(options.chat ?? {}),
    accessTokens: { issuer: TEST_ISSUER, audience: ACCESS_TOKEN_AUDIENCE, keys: createLocalJWKSet({ keys: [publicJwk] }) },
  };
  const app = createChatApp(deps);

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
    db: database.db,
    adminDb: admin.db,
    cipher,
    costTableName,
    async createUser(plan?: 'free' | 'premium'): Promise<string> {
      const id = await insertTestUser(admin.db, `google-${crypto.randomUUID()}`);
      if (plan) await admin.db.insertInto('subscriptions').values({ user_id: id, plan_id: plan }).execute();
      return id;
    },
    /** A stored result for `userId`: the mock interpreter's reading of a lipid panel (high LDL, low HDL). */
    async createContent(userId: string): Promise<string> {
      const job = await createJob(database.db, { userId, mediaType: 'application/pdf', sizeBytes: 1_000 });
      const interpretation = interpretLabReport(readLabReportFixture('lipid-panel-high-ldl-low-hdl'));
      const { contentId } = await storeLabContent(database.db, cipher, { userId, jobId: job.id, modelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', interpretation });
      return contentId;
    },
    async authorization(userId: string): Promise<Record<string, string>> {
      return { authorization: `Bearer ${await tokenFor(userId)}` };
    },
    async send(userId: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
      return app.request('/chat/messages', {
        method: 'POST',
        headers: { ...(await ctx.authorization(userId)), 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    },
    async conversation(userId: string, contentId: string): Promise<Response> {
      return app.request(`/chat/conversations/${contentId}`, { headers: await ctx.authorization(userId) });
    },
    async rawMessages(contentId: string) {
      return admin.db.selectFrom('chat_messages').selectAll().where('content_id', '=', contentId).orderBy('created_at').execute();
    },
    async auditRows(filter: { action?: string; actorId?: string } = {}) {
      let query = admin.db.selectFrom('audit_events').selectAll().orderBy('occurred_at');
      if (filter.action) query = query.where('action', '=', filter.action);
      if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
      return query.execute();
    },
    async close() {
      bedrock.breaker.shutdown();
      await Promise.all([database.close(), admin.close()]);
      await testDb.drop();
      for (const client of [dynamo, kms, runtime]) client.destroy();
      vi.unstubAllEnvs();
    },
  };
  return ctx;
}

export type ChatTestContext = Awaited<ReturnType<typeof createChatTestContext>>;

export async function codeOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

export interface SseEvent {
  event: string;
  data: unknown;
}

/** Parses a server-sent events body into its events (JSON data). */
export function parseSse(body: string): SseEvent[] {
  return body
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      return { event, data: JSON.parse(data.join('\n')) as unknown };
    });
}
