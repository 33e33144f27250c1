/**
 * Builds the documents app for integration tests against the embedded backend: a fresh
 * migrated database reached as the application role, this file's own bucket, queue and keys in
 * moto (reached through AWS_ENDPOINT_URL, as in AWS), and a local RS256 key that signs the
 * test users' access tokens.
 * @module
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { GetObjectCommand, HeadObjectCommand, type HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { createS3Client, createSqsClient } from '#shared/aws/clients.ts';
import { readDocumentsConfig } from '#shared/config/documents-config.ts';
import { createServiceTestBackend } from '../../../../emulation/src/testing/service-test-backend.ts';
import { createDocumentsApp } from '../app.ts';
import type { DocumentsDependencies } from '../documents-dependencies.ts';
import { insertTestUser } from '../../../../emulation/src/testing/test-users.ts';


/** What to upload: bytes with an optional file name and declared type (both ignored by the API). */
export interface TestFile {
  bytes: Uint8Array;
  name?: string;
  type?: string;
}

export interface UploadOptions {
  userId?: string;
  idempotencyKey?: string;
  path?: string;
  app?: ReturnType<typeof createDocumentsApp>;
}

/**
 * The app and its helpers for one test file; `close()` in `afterAll`.
 *
 * @example
 * ```ts
 * const ctx = await createDocumentsTestContext();
 * const res = await ctx.upload({ bytes: pngBytes() }, { userId: await ctx.createUser() });
 * ```
 */
export async function createDocumentsTestContext() {
  const base = await createServiceTestBackend({ appDatabase: { DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_CONNECT_RETRIES: '1' } });
  const { resources, database, admin, testDb, issuer } = base;
  const s3 = createS3Client();
  const sqs = createSqsClient();
  const deps: DocumentsDependencies = {
    db: database.db,
    s3,
    sqs,
    documents: readDocumentsConfig(resources.environment),
    accessTokens: issuer.accessTokens,
  };
  const app = createDocumentsApp(deps);

  const tokenFor = issuer.tokenFor;

  let defaultUser: string | undefined;

  const ctx = {
    app,
    deps,
    resources,
    db: database.db,
    adminDb: admin.db,
    /** Superuser URL of this file's database, for raw pg clients in race tests. */
    adminUrl: testDb.adminUrl,
    s3,
    sqs,
    tokenFor,
    /** A new user row (jobs reference users); on `free` unless a plan is given. */
    async createUser(plan?: 'free' | 'premium'): Promise<string> {
      const suffix = crypto.randomUUID();
      // The documents service never reads a user's identity.
      return insertTestUser(admin.db, `google-${suffix}`, plan);
    },
    /** One user shared by tests that do not care whose upload it is. */
    async user(): Promise<string> {
      defaultUser ??= await ctx.createUser('premium');
      return defaultUser;
    },
    async authorization(userId: string): Promise<Record<string, string>> {
      return { authorization: `Bearer ${await tokenFor(userId)}` };
    },
    /** POST a multipart upload with the one `file` field. */
    async upload(file: TestFile | FormData, options: UploadOptions = {}): Promise<Response> {
      const userId = options.userId ?? (await ctx.user());
      let form: FormData;
      if (file instanceof FormData) form = file;
      else {
        form = new FormData();
        form.set('file', new File([file.bytes], file.name ?? 'report.pdf', { type: file.type ?? 'application/octet-stream' }));
      }
      const headers: Record<string, string> = await ctx.authorization(userId);
      if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
      return (options.app ?? app).request(options.path ?? '/documents', { method: 'POST', body: form, headers });
    },
    async get(path: string, userId: string): Promise<Response> {
      return app.request(path, { headers: await ctx.authorization(userId) });
    },
    async post(path: string, userId: string, target = app): Promise<Response> {
      return target.request(path, { method: 'POST', headers: await ctx.authorization(userId) });
    },
    async job(jobId: string) {
      return admin.db.selectFrom('document_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
    },
    async jobsOf(userId: string) {
      return admin.db.selectFrom('document_jobs').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    },
    /** HeadObject on the job's original, or undefined when there is none. */
    async headOriginal(jobId: string): Promise<HeadObjectCommandOutput | undefined> {
      try {
        return await s3.send(new HeadObjectCommand({ Bucket: resources.bucket, Key: `jobs/${jobId}_original` }));
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
        throw error;
      }
    },
    async originalBytes(jobId: string): Promise<Uint8Array> {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: resources.bucket, Key: `jobs/${jobId}_original` }));
      return Body!.transformToByteArray();
    },
    /**
     * Every message now on the processing queue, removed from it: tests drain, then count the
     * messages of the jobs they made (earlier tests' messages may be among them).
     */
    async drainQueue(queueUrl = resources.queueUrl): Promise<Message[]> {
      const drained: Message[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 60 }));
        if (Messages.length === 0) return drained;
        drained.push(...Messages);
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      }
    },
    /** The drained messages' bodies that name `jobId`. */
    async messagesFor(jobId: string): Promise<unknown[]> {
      const messages = await ctx.drainQueue();
      return messages.map((m) => JSON.parse(m.Body ?? 'null') as unknown).filter((body) => (body as { jobId?: string } | null)?.jobId === jobId);
    },
    auditRows: base.auditRows,
    async close() {
      s3.destroy();
      sqs.destroy();
      await base.close();
    },
  };
  return ctx;
}

export type DocumentsTestContext = Awaited<ReturnType<typeof createDocumentsTestContext>>;

export { codeOf } from '../../../../emulation/src/testing/service-test-backend.ts';
