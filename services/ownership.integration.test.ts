/**
 * Broken object level authorization, across every service at once: each route that takes the
 * id of a user-owned resource (job, result, conversation) is called with another user's valid
 * token and must answer 404 NOT_FOUND, exactly as for an id that does not exist, while the
 * owner's own calls succeed (so the test can fail). The routes that name no id but act on the
 * caller's own data (timeline, subscription status, export, FHIR export, erasure, an upload's
 * Idempotency-Key, sign-out with a refresh token) must never reach the owner's: the stranger
 * sees and changes only their own.
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
import { upsertUserFromGoogle } from './auth/src/domain/users.ts';
import { readChatConfig } from './chat/src/chat-config.ts';
import { createChatApp } from './chat/src/app.ts';
import { createContentApp } from './content/src/app.ts';
import { createDocumentsApp } from './documents/src/app.ts';
import { accountRouteGroup } from './content/src/account-route-group.ts';
import { createAuthApp } from './auth/src/app.ts';
import { createGoogleIdTokenVerifier } from './auth/src/domain/google-id-token-verifier.ts';
import { createLocalAccessTokenSigner } from './auth/src/domain/local-access-token-signer.ts';
import { readAccessTokenConfig } from '#shared/config/access-token-config.ts';
import { readGoogleSignInConfig } from '#shared/config/google-sign-in-config.ts';
import { pngBytes } from '../e2e/fixtures/documents/index.ts';
import { mintGoogleIdToken } from '../emulation/src/testing/backend.ts';
import { createServiceTestBackend, type ServiceTestBackend } from '../emulation/src/testing/service-test-backend.ts';

let base: ServiceTestBackend;
const clients: Array<{ destroy(): void }> = [];
let apps: {
  documents: ReturnType<typeof createDocumentsApp>;
  content: ReturnType<typeof createContentApp>;
  chat: ReturnType<typeof createChatApp>;
  auth: ReturnType<typeof createAuthApp>;
};
let google: ReturnType<typeof createGoogleIdTokenVerifier>;
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
    // A real identity (encrypted e-mail), so the export can decrypt the profile.
    const suffix = crypto.randomUUID();
    const { id } = await upsertUserFromGoogle(database.db, cipher, { sub: `google-${suffix}`, email: `bola-${suffix}@example.test`, name: 'Bola Test' });
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
  google = createGoogleIdTokenVerifier(
    readGoogleSignInConfig({ GOOGLE_CLIENT_IDS: backend.google.clientId, GOOGLE_ISSUERS: backend.google.issuer, GOOGLE_JWKS_URL: backend.google.jwksUri, GOOGLE_JWKS_TIMEOUT_MS: '1000' }),
  );
  apps = {
    documents: createDocumentsApp({ db: database.db, s3, sqs, documents, accessTokens }),
    // With the account routes, as the content function serves them (handler.ts).
    content: createContentApp({ db: database.db, cipher, s3, dynamodb: documentClient, costTableName, documents, accessTokens }, accountRouteGroup),
    chat: createChatApp({ db: database.db, cipher, bedrock, chat: readChatConfig({}), accessTokens }),
    auth: createAuthApp({
      db: database.db,
      tokens: readAccessTokenConfig({ ACCESS_TOKEN_ISSUER: 'https://auth.serenya.test', ACCESS_TOKEN_SIGNER: 'local' }),
      signer: createLocalAccessTokenSigner(),
      google,
      cipher,
    }),
  };
});

afterAll(async () => {
  google?.breaker.shutdown();
  for (const client of clients) client.destroy();
  await base?.close();
});

type Probe = [name: string, app: keyof typeof apps, method: string, path: () => string, body?: () => unknown, headers?: Record<string, string>];

const probes: Probe[] = [
  ['job status', 'documents', 'GET', () => `/jobs/${jobId}`],
  ['job status (alias)', 'documents', 'GET', () => `/jobs/${jobId}/status`],
  ['job retry', 'documents', 'POST', () => `/jobs/${jobId}/retry`],
  ['result', 'content', 'GET', () => `/content/${contentId}`],
  ['conversation', 'chat', 'GET', () => `/chat/conversations/${contentId}`],
  ['chat message about the result', 'chat', 'POST', () => '/chat/messages', () => ({ contentId, message: 'What is abnormal?' })],
  ['chat message about the result, streamed', 'chat', 'POST', () => '/chat/messages', () => ({ contentId, message: 'What is abnormal?' }), { accept: 'text/event-stream' }],
];

function call(probe: Probe, token: string) {
  const [, app, method, path, body, headers] = probe;
  return apps[app].request(path(), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
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

async function get(app: keyof typeof apps, path: string, token: string): Promise<Response> {
  return apps[app].request(path, { headers: { authorization: `Bearer ${token}` } });
}

async function upload(token: string, idempotencyKey: string): Promise<Response> {
  const form = new FormData();
  form.set('file', new File([pngBytes()], 'report.png', { type: 'image/png' }));
  return apps.documents.request('/documents', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}`, 'idempotency-key': idempotencyKey } });
}

describe('routes that act on the caller’s own data', () => {
  it("exports (JSON and FHIR) only the stranger's data, never the owner's", async () => {
    const owned = await (await get('content', '/account/export', owner.token)).text();
    // The owner's export holds what the stranger's must not, so the check below can fail.
    for (const id of [owner.id, jobId, contentId]) expect(owned).toContain(id);
    const ownedFhir = await (await get('content', '/account/export?format=fhir', owner.token)).text();
    expect(ownedFhir).toContain(owner.id);

    for (const path of ['/account/export', '/account/export?format=fhir']) {
      const res = await get('content', path, stranger.token);
      expect(res.status).toBe(200);
      const text = await res.text();
      // The JSON export names its subject; the stranger's FHIR Bundle, with no results, is empty.
      if (path.endsWith('fhir')) expect(JSON.parse(text)).toMatchObject({ resourceType: 'Bundle', entry: [] });
      else expect(text).toContain(stranger.id);
      for (const id of [owner.id, jobId, contentId]) expect(text).not.toContain(id);
    }
  });

  it("counts only the stranger's own usage in the subscription status", async () => {
    const ownerStatus = (await (await get('content', '/subscriptions/status', owner.token)).json()) as { usage: { documents: number } };
    expect(ownerStatus.usage.documents).toBeGreaterThanOrEqual(2);
    const res = await get('content', '/subscriptions/status', stranger.token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { usage: unknown }).usage).toEqual({ documents: 0, chatMessages: 0, llmCostCents: 0 });
  });

  it("never answers the owner's job to the stranger's upload with the owner's Idempotency-Key", async () => {
    const key = `bola-${crypto.randomUUID()}`;
    const first = await upload(owner.token, key);
    expect(first.status).toBeLessThan(300);
    const ownerJob = ((await first.json()) as { jobId: string }).jobId;
    // The same key again answers the owner's job: the key does identify it.
    expect(((await (await upload(owner.token, key)).json()) as { jobId: string }).jobId).toBe(ownerJob);

    const res = await upload(stranger.token, key);
    expect(res.status).toBeLessThan(300);
    const strangerJob = ((await res.json()) as { jobId: string }).jobId;
    expect(strangerJob).not.toBe(ownerJob);
    const rows = await base.admin.db.selectFrom('document_jobs').select(['id', 'user_id']).where('id', 'in', [ownerJob, strangerJob]).execute();
    expect(Object.fromEntries(rows.map((row) => [row.id, row.user_id]))).toEqual({ [ownerJob]: owner.id, [strangerJob]: stranger.id });
  });

  it("cannot sign the owner out with the owner's refresh token", async () => {
    const signIn = async () => {
      const res = await apps.auth.request('/auth/google', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ idToken: await mintGoogleIdToken({ email: `bola-${crypto.randomUUID()}@example.test` }) }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { accessToken: string; refreshToken: string };
    };
    const victim = await signIn();
    const intruder = await signIn();
    const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      apps.auth.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    // Same answer as for any unknown token (204), and the victim's session survives.
    const res = await postJson('/auth/logout', { refreshToken: victim.refreshToken }, { authorization: `Bearer ${intruder.accessToken}` });
    expect(res.status).toBe(204);
    const rotated = await postJson('/auth/refresh', { refreshToken: victim.refreshToken });
    expect(rotated.status).toBe(200);
    // The victim's own sign-out does end it (so the check above can fail).
    const next = (await rotated.json()) as { refreshToken: string };
    expect((await postJson('/auth/logout', { refreshToken: next.refreshToken }, { authorization: `Bearer ${victim.accessToken}` })).status).toBe(204);
    expect((await postJson('/auth/refresh', { refreshToken: next.refreshToken })).status).toBe(401);
  });

  // Last: it erases the stranger.
  it("erases only the stranger's account, leaving every resource of the owner served", async () => {
    const res = await apps.content.request('/account', { method: 'DELETE', headers: { authorization: `Bearer ${stranger.token}` } });
    expect([202, 204]).toContain(res.status);
    expect((await base.admin.db.selectFrom('users').select('id').where('id', '=', stranger.id).execute()).length).toBe(0);
    for (const probe of probes.filter(([, , method]) => method === 'GET')) expect((await call(probe, owner.token)).status).toBe(200);
    expect((await get('content', '/account/export', owner.token)).status).toBe(200);
    expect(await base.admin.db.selectFrom('users').select('id').where('id', '=', owner.id).execute()).toHaveLength(1);
  });
});
