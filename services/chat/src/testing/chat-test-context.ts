/**
 * Builds the chat app for integration tests against the embedded backend: a fresh migrated
 * database (as the application role, plus an admin connection for fixtures and raw reads), a PHI
 * key in moto, a cost table, a Bedrock client on the shared mock (or the given one), and a local
 * RS256 key that signs the test users' access tokens.
 * @module
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createBedrockClient } from '#shared/bedrock/bedrock-client.ts';
import { readBedrockConfig } from '#shared/config/bedrock-config.ts';
import { storeLabContent } from '#shared/content/index.ts';
import type { CostRecord } from '#shared/cost/cost-record.ts';
import { createCostRecorder } from '#shared/cost/cost-recorder.ts';
import { createJob } from '#shared/jobs/document-jobs.ts';
import { readLabReportFixture } from '../../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { interpretLabReport } from '../../../../emulation/src/mocks/bedrock/lab-interpreter/index.ts';
import { awsClientConfig } from '../../../../emulation/src/testing/document-resources.ts';
import { insertTestUser } from '../../../../emulation/src/testing/test-users.ts';
import { createServiceTestBackend } from '../../../../emulation/src/testing/service-test-backend.ts';
import { createChatApp } from '../app.ts';
import { readChatConfig } from '../chat-config.ts';
import type { ChatDependencies } from '../chat-dependencies.ts';


export interface ChatTestContextOptions {
  /** The Bedrock mock to call (default: the shared one; never `configure` that one). */
  bedrockEndpoint?: string;
  /** CHAT_* settings. */
  chat?: Record<string, string>;
  /** BEDROCK_* settings. */
  bedrock?: Record<string, string>;
}

export async function createChatTestContext(options: ChatTestContextOptions = {}) {
  const base = await createServiceTestBackend({ costTablePrefix: 'chat' });
  const { backend, database, admin, cipher, issuer } = base;
  const aws = backend.aws;
  const clientConfig = awsClientConfig(aws);
  const costTableName = base.costTableName!;

  const dynamo = new DynamoDBClient(clientConfig);
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

  const deps: ChatDependencies = {
    db: database.db,
    cipher,
    bedrock,
    chat: readChatConfig(options.chat ?? {}),
    accessTokens: issuer.accessTokens,
  };
  const app = createChatApp(deps);

  const tokenFor = issuer.tokenFor;

  const ctx = {
    app,
    deps,
    db: database.db,
    adminDb: admin.db,
    cipher,
    costTableName,
    async createUser(plan?: 'free' | 'premium'): Promise<string> {
      return insertTestUser(admin.db, `google-${crypto.randomUUID()}`, plan);
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
    /** The user's records in the cost table, oldest first. */
    async costRecords(userId: string): Promise<CostRecord[]> {
      const page = await DynamoDBDocumentClient.from(dynamo).send(
        new QueryCommand({ TableName: costTableName, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } }),
      );
      return (page.Items ?? []) as CostRecord[];
    },
    auditRows: base.auditRows,
    async close() {
      bedrock.breaker.shutdown();
      for (const client of [dynamo, runtime]) client.destroy();
      await base.close();
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
