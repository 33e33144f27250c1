/**
 * A throwaway app with only the account routes, for integration tests against the embedded
 * backend: a fresh migrated database reached as the application role, this file's own bucket
 * and keys in moto, its own cost table, a real PHI cipher on the database key, and a local
 * RS256 key that signs access tokens. `seedUser()` stores one of everything a user can have.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, ListBucketsCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sql } from 'kysely';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent } from '#shared/audit/write-audit-event.ts';
import { createDynamoDbDocumentClient, createS3Client } from '#shared/aws/clients.ts';
import { bumpContentVersion, storeLabContent } from '#shared/content/index.ts';
import { createCostRecorder } from '#shared/cost/cost-recorder.ts';
import type { ChatRole } from '#shared/db/schema.ts';
import { createServiceApp } from '#shared/http/create-service-app.ts';
import { requireAuth } from '#shared/http/middleware/require-auth.ts';
import { createJob } from '#shared/jobs/document-jobs.ts';
import { readLabReportFixture, type LabReportFixture } from '../../../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { interpretLabReport } from '../../../../../emulation/src/mocks/bedrock/lab-interpreter/index.ts';
import { issueRefreshTokenFamily } from '../../../../auth/src/domain/refresh-tokens.ts';
import { upsertUserFromGoogle } from '../../../../auth/src/domain/users.ts';
import type { AccountDependencies } from '../account-dependencies.ts';
import { registerAccountRoutes } from '../register-account-routes.ts';
import { createServiceTestBackend } from '../../../../../emulation/src/testing/service-test-backend.ts';


/** What `seedUser` stored, to compare an export or an erasure against. */
export interface SeededUser {
  id: string;
  email: string;
  name: string;
  googleSub: string;
  jobIds: string[];
  objectKeys: string[];
  contentIds: string[];
  labValueCount: number;
  messageCount: number;
  messageTexts: string[];
  familyIds: string[];
  costRecordCount: number;
}

export interface AccountTestContextOptions {
  /** Wraps the DynamoDB client the routes get (to force pagination or unprocessed items). */
  wrapDynamo?: (client: DynamoDBDocumentClient) => Pick<DynamoDBDocumentClient, 'send'>;
}

const REPORTS: readonly LabReportFixture[] = ['lipid-panel-high-ldl-low-hdl', 'metabolic-panel-critical-potassium'];

export async function createAccountTestContext(options: AccountTestContextOptions = {}) {
  const base = await createServiceTestBackend({ appDatabase: { DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_CONNECT_RETRIES: '1' }, costTablePrefix: 'account' });
  const { resources, database, admin, cipher, issuer } = base;
  const costTableName = base.costTableName!;
  const dynamo = createDynamoDbDocumentClient();
  const s3 = createS3Client();
  // The temp bucket is versioned (createDocumentResources), as the platform's is: a plain delete
  // would leave the originals behind as noncurrent versions, so the erasure tests see versions.

  const deps: AccountDependencies = {
    db: database.db,
    cipher,
    s3,
    documentsBucket: resources.bucket,
    dynamo: options.wrapDynamo ? options.wrapDynamo(dynamo) : dynamo,
    costTableName,
  };
  const app = createServiceApp({ title: 'Serenya account (test)', version: '0.0.0' });
  registerAccountRoutes(app, deps, requireAuth(issuer.accessTokens));

  const tokenFor = issuer.tokenFor;

  let clock = Date.UTC(2026, 10, 2, 9, 0, 0);
  const recorder = createCostRecorder({ documentClient: dynamo, tableName: costTableName, ttlDays: 365, now: () => (clock += 1_000) });

  const ctx = {
    app,
    deps,
    db: database.db,
    adminDb: admin.db,
    s3,
    dynamo,
    bucket: resources.bucket,
    costTableName,
    async request(method: string, path: string, userId?: string): Promise<Response> {
      const headers: Record<string, string> = userId ? { authorization: `Bearer ${await tokenFor(userId)}` } : {};
      return app.request(path, { method, headers });
    },

    /** A fully populated user: identity, sessions, premium plan, 3 jobs with originals, 2 results, chat, usage, audit. */
    async seedUser(costRecords = 30): Promise<SeededUser> {
      const suffix = randomUUID();
      const identity = { sub: `google-${suffix}`, email: `patient-${suffix}@example.com`, name: `Jane Doe ${suffix.slice(0, 4)}` };
      const user = await upsertUserFromGoogle(database.db, cipher, identity);
      const familyIds = [(await issueRefreshTokenFamily(database.db, user.id, 30)).familyId, (await issueRefreshTokenFamily(database.db, user.id, 30)).familyId];
      await database.db.insertInto('subscriptions').values({ user_id: user.id, plan_id: 'premium' }).execute();

      const jobIds: string[] = [];
      const objectKeys: string[] = [];
      const contentIds: string[] = [];
      let labValueCount = 0;
      for (let i = 0; i < 3; i++) {
        const job = await createJob(database.db, { userId: user.id, mediaType: 'application/pdf', sizeBytes: 1_000 + i });
        jobIds.push(job.id);
        objectKeys.push(job.object_key);
        // Tagged with the owner as the documents service's storeOriginal does, so a scan can find it
        // by metadata too; stored twice (a retried upload), so the key has a noncurrent version.
        for (const version of ['first', 'second']) {
          await s3.send(
            new PutObjectCommand({ Bucket: resources.bucket, Key: job.object_key, Body: Buffer.from(`%PDF-1.7 report ${i} (${version}) of ${user.id}`), Metadata: { 'user-id': user.id } }),
          );
        }
        const report = REPORTS[i];
        if (!report) {
          await database.db.updateTable('document_jobs').set({ status: 'failed', error_code: 'DOCUMENT_UNREADABLE', error_message: 'unreadable', error_retryable: false }).where('id', '=', job.id).execute();
          continue;
        }
        const interpretation = interpretLabReport(readLabReportFixture(report));
        const { contentId } = await storeLabContent(database.db, cipher, { userId: user.id, jobId: job.id, modelId: 'test-model', interpretation });
        await database.db.updateTable('document_jobs').set({ status: 'completed', content_id: contentId, completed_at: sql<Date>`now()` }).where('id', '=', job.id).execute();
        await bumpContentVersion(database.db, user.id);
        contentIds.push(contentId);
        labValueCount += interpretation.labValues.length;
      }

      const messageTexts: string[] = [];
      const chat: [string, ChatRole, string][] = [
        [contentIds[0]!, 'user', 'Why is my LDL high?'],
        [contentIds[0]!, 'assistant', 'Your LDL of 162 mg/dL is above the <100 range.'],
        [contentIds[0]!, 'user', 'And my HDL?'],
        [contentIds[1]!, 'user', 'Is potassium 6.8 dangerous?'],
        [contentIds[1]!, 'assistant', 'A potassium of 6.8 mmol/L is flagged critical; contact your clinician.'],
      ];
      for (const [contentId, role, text] of chat) {
        const id = randomUUID();
        const textEnc = await cipher.encrypt(text, { userId: user.id, table: 'chat_messages', rowId: id, column: 'text_enc' });
        await database.db.insertInto('chat_messages').values({ id, user_id: user.id, content_id: contentId, role, text_enc: textEnc }).execute();
        messageTexts.push(text);
      }

      for (let i = 0; i < costRecords; i++) {
        await recorder.record({
          userId: user.id,
          requestId: `req-${i}`,
          documentType: i % 2 ? 'chat' : 'lab_results',
          provider: 'bedrock',
          modelId: 'test-model',
          usage: { inputTokens: 100 + i, outputTokens: 50, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 },
          costCents: 0.5,
          processingTimeMs: 1_000,
        });
      }
      await writeAuditEvent(database.db, { actorId: user.id, action: AuditActions.signIn, resourceType: 'user', resourceId: user.id, outcome: 'success', requestId: `seed-${suffix}` });

      return { id: user.id, email: identity.email, name: identity.name, googleSub: identity.sub, jobIds, objectKeys, contentIds, labValueCount, messageCount: chat.length, messageTexts, familyIds, costRecordCount: costRecords };
    },

    /** The user's items in the cost table (the raw client, not the wrapped one). */
    async costItems(userId: string): Promise<number> {
      let count = 0;
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(new QueryCommand({ TableName: costTableName, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId }, ExclusiveStartKey }));
        count += page.Items?.length ?? 0;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return count;
    },

    async objectExists(key: string): Promise<boolean> {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: resources.bucket, Key: key }));
        return true;
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
        throw error;
      }
    },

    /**
     * Every (table, uuid column) of the public schema with how many rows hold `userId` there:
     * the scan does not rely on a list of tables, so a table added later is covered too.
     */
    async rowsMentioning(userId: string): Promise<Record<string, number>> {
      const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
        select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type = 'uuid'
        order by 1, 2`.execute(admin.db);
      const found: Record<string, number> = {};
      for (const { table_name, column_name } of columns) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)} where ${sql.ref(column_name)} = ${userId}`.execute(admin.db);
        if ((rows[0]?.n ?? 0) > 0) found[`${table_name}.${column_name}`] = rows[0]!.n;
      }
      return found;
    },

    /**
     * Every base table of the public schema with how many rows mention any of `needles` in any
     * column (the whole row cast to text: uuid, text, timestamps and bytea as hex alike). No list
     * of tables or columns: a table added later is scanned too.
     */
    async tablesMentioning(needles: readonly string[]): Promise<Record<string, number>> {
      const { rows: tables } = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(admin.db);
      const found: Record<string, number> = {};
      for (const { table_name } of tables) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(table_name)} as t
          where exists (select 1 from unnest(${[...needles]}::text[]) as needle where position(needle in t::text) > 0)`.execute(admin.db);
        if ((rows[0]?.n ?? 0) > 0) found[table_name] = rows[0]!.n;
      }
      return found;
    },

    /**
     * Every version of every object, and every delete marker, of every bucket moto holds (not
     * only this file's) whose key, metadata or body mentions any of `needles`, one `bucket/key`
     * per version. Buckets and objects other test files remove while the scan runs are skipped.
     */
    async objectsMentioning(needles: readonly string[]): Promise<string[]> {
      const mentions = (text: string) => needles.some((needle) => text.includes(needle));
      const gone = (error: unknown) => ['NoSuchBucket', 'NoSuchKey', 'NoSuchVersion', 'NotFound'].includes((error as { name?: string }).name ?? '');
      const found: string[] = [];
      const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
      for (const { Name: bucket } of Buckets) {
        if (!bucket) continue;
        try {
          let keyMarker: string | undefined;
          let versionIdMarker: string | undefined;
          do {
            const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
            for (const marker of page.DeleteMarkers ?? []) if (marker.Key && mentions(marker.Key)) found.push(`${bucket}/${marker.Key}`);
            for (const { Key: key, VersionId: versionId } of page.Versions ?? []) {
              if (!key) continue;
              try {
                const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
                const body = Buffer.from((await object.Body?.transformToByteArray()) ?? []).toString('latin1');
                if (mentions(key) || mentions(JSON.stringify(object.Metadata ?? {})) || mentions(body)) found.push(`${bucket}/${key}`);
              } catch (error) {
                if (!gone(error)) throw error;
              }
            }
            [keyMarker, versionIdMarker] = page.IsTruncated === true ? [page.NextKeyMarker, page.NextVersionIdMarker] : [undefined, undefined];
          } while (keyMarker !== undefined);
        } catch (error) {
          if (!gone(error)) throw error;
        }
      }
      return found;
    },

    /**
     * Every DynamoDB table moto holds (the cost table and any other), scanned in full, not
     * queried by key: items whose attributes mention any of `needles`, counted per table.
     */
    async dynamoItemsMentioning(needles: readonly string[]): Promise<Record<string, number>> {
      const found: Record<string, number> = {};
      let lastTable: string | undefined;
      do {
        const list = await dynamo.send(new ListTablesCommand({ ExclusiveStartTableName: lastTable }));
        for (const table of list.TableNames ?? []) {
          try {
            let startKey: Record<string, unknown> | undefined;
            do {
              const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
              const hits = (page.Items ?? []).filter((item) => needles.some((needle) => JSON.stringify(item).includes(needle))).length;
              if (hits > 0) found[table] = (found[table] ?? 0) + hits;
              startKey = page.LastEvaluatedKey;
            } while (startKey);
          } catch (error) {
            if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
          }
        }
        lastTable = list.LastEvaluatedTableName;
      } while (lastTable);
      return found;
    },

    async close() {
      s3.destroy();
      dynamo.destroy();
      await base.close();
    },
  };
  return ctx;
}

export type AccountTestContext = Awaited<ReturnType<typeof createAccountTestContext>>;
