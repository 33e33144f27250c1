/**
 * Broken object level authorization, across every service at once: each route that takes the
 * id of a user-owned resource (job, result, conversation) is called with another user's valid
 * token and must answer 404 NOT_FOUND, exactly as for an id that does not exist, while the
 * owner's own calls succeed (so the test can fail).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBedrockRuntimeClient } from '#shared/aws/clients.ts';
import { readBedrockConfig } from '#shared/config/bedrock-config.ts';
import { readDocumentsConfig } from '#shared/config/documents-config.ts';
import { createBedrockClient } from '#shared/bedrock/bedrock-client.ts';
import { storeLabContent } from '#shared/content/index.ts';
import { createCostRecorder } from '#shared/cost/cost-recorder.ts';
import { createJob, failJob } from '#shared/jobs/document-jobs.ts';
import { readLabReportFixture } from '../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { interpretLabReport } from '../emulation/src/mocks/bedrock/lab-interpreter/index.ts';
import { awsClientConfig } from '../emulation/src/testing/document-resources.ts';
import { insertTestUser } from '../emulation/src/testing/test-users.ts';
import { readChatConfig } from './chat/src/chat-config.ts';
import { createChatApp } from './chat/src/app.ts';
import { createContentApp } from './content/src/app.ts';
import { createDocumentsApp } from './documents/src/app.ts';
import { createServiceTestBackend, type ServiceTestBackend } from '../emulation/src/testing/service-test-backend.ts';

let base: ServiceTestBackend;
const clients: Array<{ destroy(): void }> = [];
let apps: { documents: ReturnType<typeof createDocumentsApp>; content: ReturnType<typeof createContentApp>; chat: ReturnType<typeof createChatApp> };
let owner: { id: string; token: string };
let stranger: { id: string; token: string };
let jobId: string;
let contentId: string;

beforeAll(async () => {
  base = await createServiceTestBackend({ costTablePrefix: 'bola' });
  const { backend, resources, database, cipher, issuer } = base;
  const costTableName = base.costTableName!;
  vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', backend.bedrock.endpoint);
  const aws = awsClientConfig(backend.aws);
  const s3 = new S3Client({ ...aws, forcePathStyle: true });
  const sqs = new SQSClient(aws);
  const dynamo = new DynamoDBClient(aws);
  const documentClient = DynamoDBDocumentClient.from(dynamo);
  clients.push(s3, sqs, dynamo);
  const accessTokens = issuer.accessTokens;
  const user = async () => {
    const id = await insertTestUser(database.db);
    return { id, token: await issuer.tokenFor(id) };
  };
  owner = await user();
  stranger = await user();

  // The owner has a failed, retryable job and a stored result to talk about.
  const job = await createJob(database.db, { userId: owner.id, mediaType: 'application/pdf', sizeBytes: 100 });
  await failJob(database.db, job.id, 'PROCESSING_FAILED', true);
  jobId = job.id;
  const resultJob = await createJob(database.db, { userId: owner.id, mediaType: 'application/pdf', sizeBytes: 100 });
  ({ contentId } = await storeLabContent(database.db, cipher, { userId: owner.id, jobId: resultJob.id, modelId: 'test', interpretation: interpretLabReport(readLabReportFixture('cbc-one-low')) }));

  const documents = readDocumentsConfig(resources.environment);
  const bedrock = createBedrockClient({
    runtime: createBedrockRuntimeClient(),
    config: readBedrockConfig({}),
    costRecorder: createCostRecorder({ documentClient, tableName: costTableName, ttlDays: 365 }),
  });
  apps = {
    documents: createDocumentsApp({ db: database.db, s3, sqs, documents, accessTokens }),
    content: createContentApp({ db: database.db, cipher, s3, dynamodb: documentClient, costTableName, documents, accessTokens }),
    chat: createChatApp({ db: database.db, cipher, bedrock, chat: readChatConfig({}), accessTokens }),
  };
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await base?.close();
});

type Probe = [name: string, app: keyof typeof apps, method: string, path: () => string, body?: () => unknown];

const probes: Probe[] = [
  ['job status', 'documents', 'GET', () => `/jobs/${jobId}`],
  ['job status (alias)', 'documents', 'GET', () => `/jobs/${jobId}/status`],
  ['job retry', 'documents', 'POST', () => `/jobs/${jobId}/retry`],
  ['result', 'content', 'GET', () => `/content/${contentId}`],
  ['conversation', 'chat', 'GET', () => `/chat/conversations/${contentId}`],
  ['chat message about the result', 'chat', 'POST', () => '/chat/messages', () => ({ contentId, message: 'What is abnormal?' })],
];

function call(probe: Probe, token: string) {
  const [, app, method, path, body] = probe;
  return apps[app].request(path(), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body()) } : {}),
  });
}

describe("another user's resources", () => {
  it.each(probes)('%s: the stranger gets 404 NOT_FOUND, the same as for a missing id', async (...probe) => {
    const res = await call(probe, stranger.token);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it.each(probes)('%s: the owner is served', async (...probe) => {
    const res = await call(probe, owner.token);
    expect(res.status).not.toBe(404);
    expect(res.status).toBeLessThan(500);
  });

  it("never lists another user's results in the timeline", async () => {
    const res = await apps.content.request('/content/timeline', { headers: { authorization: `Bearer ${stranger.token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
  });
});
