import { randomUUID } from 'node:crypto';
import { KMS } from '@aws-sdk/client-kms';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsTestEnvironment, createTestDatabase, getTestBackend, type TestDatabase } from '../../../../emulation/src/testing/backend.ts';
import { createDocumentResources } from '../../../../emulation/src/testing/document-resources.ts';
import { readDatabaseConfig } from '../config/database-config.ts';
import { createPhiCipher, type PhiCipher } from '../crypto/phi-cipher.ts';
import { PhiDecryptionError } from '../crypto/phi-decryption-error.ts';
import { createDatabase, type DatabaseHandle } from '../db/database.ts';
import type { LabInterpretation } from '../interpretation/lab-interpretation.ts';
import { claimForProcessing, completeJob, createJob, markQueued } from '../jobs/document-jobs.ts';
import { CONTENT_SUMMARY_COLUMNS, decryptContentSummary, readContentSummaries } from './content-summary.ts';
import { readContentVersion } from './content-version.ts';
import { CorruptContentError } from './corrupt-content-error.ts';
import { encryptLabContent } from './encrypt-lab-content.ts';
import { insertLabContent } from './insert-lab-content.ts';
import { contentsContext } from './phi-columns.ts';
import { readLabContent } from './read-lab-content.ts';
import { readLabValues } from './read-lab-values.ts';
import { storeLabContent } from './store-lab-content.ts';
import { insertTestUser } from '../../../../emulation/src/testing/test-users.ts';

const MODEL_ID = 'eu.anthropic.claude-sonnet-4-6';

/** A report whose every string is distinctive, so a raw dump can be searched for each. */
function interpretation(overrides: Partial<LabInterpretation> = {}): LabInterpretation {
  return {
    title: 'Comprehensive Metabolic Panel for Jane Quixote',
    documentDate: '2026-03-14',
    labValues: [
      { name: 'Potassium', value: 6.1, unit: 'mmol/L', referenceRange: { low: 3.5, high: 5.1, text: '3.5-5.1' }, flag: 'high', explanation: 'Potassium is above the usual range, which can affect heart rhythm.' },
      { name: 'Sodium', value: 139, unit: 'mmol/L', referenceRange: { low: 136, high: 145, text: '136-145' }, flag: 'normal', explanation: 'Sodium sits comfortably inside its range.' },
      { name: 'Glucose (fasting)', value: 52, unit: 'mg/dL', referenceRange: { low: 70, high: 99, text: '70-99' }, flag: 'low', explanation: 'Fasting glucose is lower than expected; hypoglycaemia symptoms matter.' },
      { name: 'Creatinine', value: 4.2, unit: 'mg/dL', referenceRange: null, flag: 'critical', explanation: 'Creatinine is far above typical values, pointing at kidney function.' },
      { name: 'Calcium', value: 9.4, unit: 'mg/dL', referenceRange: { low: 8.6, high: null, text: '> 8.6' }, flag: 'normal', explanation: 'Calcium is within the printed range.' },
    ],
    summary: 'Three of five values fall outside their ranges: potassium high, glucose low, creatinine critical.',
    confidence: 0.87,
    advice: 'Please discuss these results with your clinician soon, in particular the creatinine.',
    ...overrides,
  };
}

/** Every PHI string of an interpretation, for searching raw dumps. */
function phiStrings(value: LabInterpretation): string[] {
  return [
    value.title,
    value.summary,
    value.advice,
    ...(value.documentDate ? [value.documentDate] : []),
    ...value.labValues.flatMap((v) => [v.name, v.explanation, ...(v.referenceRange ? [v.referenceRange.text] : [])]),
  ];
}

let testDb: TestDatabase;
let app: DatabaseHandle;
let admin: pg.Pool;
let kms: KMS;
let cipher: PhiCipher;

async function newUser(): Promise<string> {
  return insertTestUser(app.db, `sub-${randomUUID()}`);
}

async function newJob(userId: string): Promise<string> {
  const job = await createJob(app.db, { userId, mediaType: 'application/pdf', sizeBytes: 1_000 });
  return job.id;
}

async function store(userId: string, value: LabInterpretation = interpretation()): Promise<string> {
  const { contentId } = await storeLabContent(app.db, cipher, { userId, jobId: await newJob(userId), modelId: MODEL_ID, interpretation: value });
  return contentId;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

beforeAll(async () => {
  for (const [name, value] of Object.entries(awsTestEnvironment())) vi.stubEnv(name, value);
  const [database, resources] = await Promise.all([createTestDatabase(), createDocumentResources(getTestBackend().aws)]);
  testDb = database;
  app = createDatabase(readDatabaseConfig({ DATABASE_URL: testDb.appUrl, DATABASE_SSL: 'disable' }));
  admin = new pg.Pool({ connectionString: testDb.adminUrl });
  kms = new KMS({});
  cipher = createPhiCipher({ keyArn: resources.phiKeyArn, cacheMaxAgeSeconds: 300, cacheMaxMessages: 1000, kmsClient: kms });
});

afterAll(async () => {
  await app?.close();
  await admin?.end();
  await testDb?.drop();
  kms?.destroy();
  vi.unstubAllEnvs();
});

describe('storeLabContent then readLabContent', () => {
  it('reads back exactly what was stored', async () => {
    const userId = await newUser();
    const jobId = await newJob(userId);
    const value = interpretation();
    const before = Date.now();
    const { contentId } = await storeLabContent(app.db, cipher, { userId, jobId, modelId: MODEL_ID, interpretation: value });

    const content = await readLabContent(app.db, cipher, userId, contentId);
    expect(content).toEqual({
      id: contentId,
      jobId,
      title: value.title,
      documentDate: value.documentDate,
      summary: value.summary,
      interpretation: value,
      labValues: value.labValues,
      flaggedCount: 3,
      createdAt: expect.any(String) as string,
      modelId: MODEL_ID,
    });
    expect(Date.parse(content!.createdAt)).toBeGreaterThanOrEqual(before - 5_000);
    await expect(readLabValues(app.db, cipher, userId, contentId)).resolves.toEqual(value.labValues);
  });

  it('stores plain counts and positions: value_count, flagged_count (flag ≠ normal), position = index', async () => {
    const userId = await newUser();
    const contentId = await store(userId);
    const { rows: [row] } = await admin.query<{ value_count: number; flagged_count: number }>('select value_count, flagged_count from contents where id = $1', [contentId]);
    expect(row).toEqual({ value_count: 5, flagged_count: 3 });
    const { rows } = await admin.query<{ position: number }>('select position from lab_values where content_id = $1 order by position', [contentId]);
    expect(rows.map((r) => r.position)).toEqual([0, 1, 2, 3, 4]);
  });

  it('handles a report without a date and without values', async () => {
    const userId = await newUser();
    const value = interpretation({ documentDate: null, labValues: [] });
    const contentId = await store(userId, value);
    const { rows: [row] } = await admin.query<{ document_date_enc: Buffer | null; value_count: number; flagged_count: number }>(
      'select document_date_enc, value_count, flagged_count from contents where id = $1',
      [contentId],
    );
    expect(row).toEqual({ document_date_enc: null, value_count: 0, flagged_count: 0 });
    await expect(readLabContent(app.db, cipher, userId, contentId)).resolves.toMatchObject({ documentDate: null, labValues: [], flaggedCount: 0 });
  });

  it('refuses to store an invalid interpretation', async () => {
    const userId = await newUser();
    const invalid = { ...interpretation(), labValues: [{ ...interpretation().labValues[0], flag: 'borderline' }] } as unknown as LabInterpretation;
    await expect(storeLabContent(app.db, cipher, { userId, jobId: await newJob(userId), modelId: MODEL_ID, interpretation: invalid })).rejects.toThrow();
    const { rows } = await admin.query('select 1 from contents where user_id = $1', [userId]);
    expect(rows).toHaveLength(0);
  });
});

describe('readLabContent access', () => {
  it("answers undefined for another user's content, an unknown id and a malformed id", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const contentId = await store(owner);
    await expect(readLabContent(app.db, cipher, stranger, contentId)).resolves.toBeUndefined();
    await expect(readLabContent(app.db, cipher, owner, randomUUID())).resolves.toBeUndefined();
    await expect(readLabContent(app.db, cipher, owner, 'not-a-uuid')).resolves.toBeUndefined();
    await expect(readLabValues(app.db, cipher, stranger, contentId)).resolves.toEqual([]);
  });
});

describe('what a raw SELECT shows', () => {
  it('contains none of the plaintext strings, as bytes, as escaped text or as hex', async () => {
    const userId = await newUser();
    const value = interpretation();
    const contentId = await store(userId, value);
    const needles = phiStrings(value);
    expect(needles.length).toBeGreaterThan(15);

    const contents = await admin.query<Record<string, unknown>>('select * from contents where id = $1', [contentId]);
    const labValues = await admin.query<Record<string, unknown>>('select * from lab_values where content_id = $1', [contentId]);
    const bytes = [...contents.rows, ...labValues.rows].flatMap((row) => Object.values(row).filter((v): v is Buffer => Buffer.isBuffer(v)));
    expect(bytes).toHaveLength(4 + 5);
    for (const needle of needles) {
      for (const column of bytes) expect(column.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
    }

    // The same through PostgreSQL's own text renderings of every column of every row.
    const { rows } = await admin.query<{ dump: string }>(
      `select row_to_json(c)::text || ' ' || encode(title_enc, 'escape') || ' ' || encode(summary_enc, 'escape') || ' ' ||
              encode(interpretation_enc, 'escape') || ' ' || coalesce(encode(document_date_enc, 'escape'), '') as dump
         from contents c where id = $1
       union all
       select row_to_json(l)::text || ' ' || encode(value_enc, 'escape') from lab_values l where content_id = $1`,
      [contentId],
    );
    const dump = rows.map((r) => r.dump).join('\n');
    for (const needle of needles) {
      expect(dump.includes(needle), needle).toBe(false);
      expect(dump.includes(Buffer.from(needle).toString('hex')), `${needle} as hex`).toBe(false);
    }
  });
});

describe('binding ciphertexts to their rows', () => {
  it("refuses two lab values whose value_enc were swapped, though both are the owner's", async () => {
    const userId = await newUser();
    const contentId = await store(userId);
    await admin.query(
      `with a as (select id, value_enc from lab_values where content_id = $1 and position = 0),
            b as (select id, value_enc from lab_values where content_id = $1 and position = 1)
       update lab_values l set value_enc = case when l.id = a.id then b.value_enc else a.value_enc end
         from a, b where l.id in (a.id, b.id)`,
      [contentId],
    );
    const error = await rejection(readLabValues(app.db, cipher, userId, contentId));
    expect(error).toBeInstanceOf(PhiDecryptionError);
    expect(error).toMatchObject({ reason: 'context-mismatch' });
  });

  it("refuses an interpretation copied from another of the user's contents", async () => {
    const userId = await newUser();
    const first = await store(userId);
    const second = await store(userId, interpretation({ title: 'Lipid panel' }));
    await admin.query('update contents set interpretation_enc = (select interpretation_enc from contents where id = $1) where id = $2', [first, second]);
    const error = await rejection(readLabContent(app.db, cipher, userId, second));
    expect(error).toMatchObject({ name: 'PhiDecryptionError', reason: 'context-mismatch' });
    await expect(readLabContent(app.db, cipher, userId, first)).resolves.toMatchObject({ id: first });
  });

  it('refuses a content handed over to another user at the database level', async () => {
    const owner = await newUser();
    const other = await newUser();
    const contentId = await store(owner);
    await admin.query('update contents set user_id = $1 where id = $2', [other, contentId]);
    await expect(rejection(readLabContent(app.db, cipher, other, contentId))).resolves.toMatchObject({ reason: 'context-mismatch' });
  });

  it('refuses a summary row whose title and summary ciphertexts were swapped', async () => {
    const userId = await newUser();
    const contentId = await store(userId);
    await admin.query('update contents set title_enc = summary_enc, summary_enc = title_enc where id = $1', [contentId]);
    await expect(rejection(readContentSummaries(app.db, cipher, userId, [contentId]))).resolves.toMatchObject({ reason: 'context-mismatch' });
  });
});

describe('corrupt plaintext', () => {
  it('throws CorruptContentError, quoting no plaintext, when the interpretation decrypts to something invalid', async () => {
    const userId = await newUser();
    const contentId = await store(userId);
    const notJson = await cipher.encrypt('Potassium 6.1 (not JSON)', contentsContext(userId, contentId, 'interpretation_enc'));
    await admin.query('update contents set interpretation_enc = $1 where id = $2', [notJson, contentId]);
    const first = await rejection(readLabContent(app.db, cipher, userId, contentId));
    expect(first).toBeInstanceOf(CorruptContentError);
    expect((first as Error).message).not.toContain('Potassium');

    const wrongShape = await cipher.encrypt(JSON.stringify({ ...interpretation(), confidence: 7 }), contentsContext(userId, contentId, 'interpretation_enc'));
    await admin.query('update contents set interpretation_enc = $1 where id = $2', [wrongShape, contentId]);
    const second = await rejection(readLabContent(app.db, cipher, userId, contentId));
    expect(second).toBeInstanceOf(CorruptContentError);
    expect((second as Error).message).toContain('confidence');
  });
});

describe('transactions', () => {
  it('leaves no rows when the surrounding transaction rolls back', async () => {
    const userId = await newUser();
    const jobId = await newJob(userId);
    let contentId: string | undefined;
    await expect(
      app.db.transaction().execute(async (trx) => {
        ({ contentId } = await storeLabContent(trx, cipher, { userId, jobId, modelId: MODEL_ID, interpretation: interpretation() }));
        const inside = await trx.selectFrom('lab_values').select('id').where('content_id', '=', contentId).execute();
        expect(inside).toHaveLength(5);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(contentId).toBeDefined();
    const { rows: contents } = await admin.query('select 1 from contents where user_id = $1', [userId]);
    const { rows: values } = await admin.query('select 1 from lab_values where user_id = $1', [userId]);
    expect([contents.length, values.length]).toEqual([0, 0]);
  });

  it('commits together with the job update when encrypted first and inserted inside (the processor pattern)', async () => {
    const userId = await newUser();
    const jobId = await newJob(userId);
    await markQueued(app.db, jobId);
    await claimForProcessing(app.db, jobId, 900);
    const encrypted = await encryptLabContent(cipher, { userId, jobId, modelId: MODEL_ID, interpretation: interpretation() });
    await app.db.transaction().execute(async (trx) => {
      await insertLabContent(trx, encrypted);
      expect(await completeJob(trx, jobId, encrypted.contentId)).toMatchObject({ status: 'completed' });
    });
    const { rows: [job] } = await admin.query<{ status: string; content_id: string }>('select status, content_id from document_jobs where id = $1', [jobId]);
    expect(job).toEqual({ status: 'completed', content_id: encrypted.contentId });
    await expect(readLabContent(app.db, cipher, userId, encrypted.contentId)).resolves.toMatchObject({ jobId, flaggedCount: 3 });
  });

  it("bumps the owner's content version with every stored result, in the storing transaction (the timeline caches key on it)", async () => {
    const userId = await newUser();
    const other = await newUser();
    expect(await readContentVersion(app.db, userId)).toBe(0);
    await store(userId);
    expect(await readContentVersion(app.db, userId)).toBe(1);
    // The processor's pattern: encrypted first, inserted inside its own transaction.
    const encrypted = await encryptLabContent(cipher, { userId, jobId: await newJob(userId), modelId: MODEL_ID, interpretation: interpretation() });
    await app.db.transaction().execute(async (trx) => {
      await insertLabContent(trx, encrypted);
    });
    expect(await readContentVersion(app.db, userId)).toBe(2);
    // A rolled-back store leaves the version as it was; another user's is untouched.
    const jobId = await newJob(userId);
    await expect(
      app.db.transaction().execute(async (trx) => {
        await storeLabContent(trx, cipher, { userId, jobId, modelId: MODEL_ID, interpretation: interpretation() });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await readContentVersion(app.db, userId)).toBe(2);
    expect(await readContentVersion(app.db, other)).toBe(0);
  });
});

describe('content summaries', () => {
  it('decrypts title, date and summary of the own contents, newest first, leaving out others', async () => {
    const userId = await newUser();
    const stranger = await newUser();
    const older = await store(userId, interpretation({ title: 'Older panel', documentDate: null }));
    const newer = await store(userId, interpretation({ title: 'Newer panel' }));
    const foreign = await store(stranger);
    await admin.query(`update contents set created_at = now() - interval '1 day' where id = $1`, [older]);

    const summaries = await readContentSummaries(app.db, cipher, userId, [older, newer, foreign, 'junk']);
    expect(summaries.map((s) => [s.id, s.title, s.documentDate])).toEqual([
      [newer, 'Newer panel', '2026-03-14'],
      [older, 'Older panel', null],
    ]);
    expect(summaries[0]).toMatchObject({ summary: interpretation().summary, flaggedCount: 3, createdAt: expect.any(String) as string });
  });

  it('decrypts a row that the caller selected with CONTENT_SUMMARY_COLUMNS', async () => {
    const userId = await newUser();
    const contentId = await store(userId);
    const rows = await app.db.selectFrom('contents').select(CONTENT_SUMMARY_COLUMNS).where('user_id', '=', userId).orderBy(sql`created_at`, 'desc').execute();
    expect(rows).toHaveLength(1);
    await expect(decryptContentSummary(cipher, rows[0]!)).resolves.toMatchObject({ id: contentId, title: interpretation().title });
  });
});
