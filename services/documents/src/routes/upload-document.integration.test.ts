import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegBytes, labReportPdfBytes, padToSize, pngBytes } from '../../../../e2e/fixtures/documents/index.ts';
import { createDocumentsApp } from '../app.ts';
import { codeOf, createDocumentsTestContext, type DocumentsTestContext } from '../testing/documents-test-context.ts';
import { CONVERSE_ATTACHMENT_LIMITS } from '#shared/bedrock/converse-attachment-limits.ts';
import { UPLOAD_LIMIT_BYTES } from '#shared/config/documents-config.ts';
import { createTestTokenIssuer } from '#shared/testing/test-token-issuer.ts';

let ctx: DocumentsTestContext;
beforeAll(async () => {
  ctx = await createDocumentsTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

/** The upload limit (4.5 MB, 4,500,000 bytes): the default, which the test context keeps. */
const LIMIT = UPLOAD_LIMIT_BYTES;
/** Converse's image limit (3.75 MB): below the upload limit, so images have their own. */
const IMAGE_LIMIT = CONVERSE_ATTACHMENT_LIMITS.imageBytes;

interface Accepted {
  jobId: string;
  status: string;
  statusUrl: string;
}

describe('POST /documents: accepted uploads', () => {
  it.each([
    ['a PDF', async () => labReportPdfBytes('cbc-one-low'), 'application/pdf', 'report.pdf'],
    ['a JPEG', async () => Promise.resolve(jpegBytes()), 'image/jpeg', 'photo.jpg'],
    ['a PNG', async () => Promise.resolve(pngBytes()), 'image/png', 'scan.png'],
  ])('stores %s encrypted under the documents key, queues one {jobId} message, answers 202 queued', async (_name, make, mediaType, fileName) => {
    const userId = await ctx.createUser('premium');
    const bytes = await make();
    const before = Date.now();
    const res = await ctx.upload({ bytes, name: fileName, type: mediaType }, { userId });
    expect(res.status).toBe(202);
    const body = (await res.json()) as Accepted;
    expect(body.jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(body).toEqual({ jobId: body.jobId, status: 'queued', statusUrl: `/jobs/${body.jobId}` });

    const job = await ctx.job(body.jobId);
    expect(job).toMatchObject({ user_id: userId, status: 'queued', media_type: mediaType, size_bytes: bytes.length, object_key: `jobs/${body.jobId}_original`, attempts: 0 });

    const head = await ctx.headOriginal(body.jobId);
    expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.resources.documentsKeyArn, ContentType: mediaType, ContentLength: bytes.length });
    expect(head?.Metadata?.['user-id']).toBe(userId);
    const uploadedAt = Date.parse(head?.Metadata?.['uploaded-at'] ?? '');
    expect(uploadedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(uploadedAt).toBeLessThanOrEqual(Date.now());
    expect(Buffer.from(await ctx.originalBytes(body.jobId)).equals(Buffer.from(bytes))).toBe(true);

    expect(await ctx.messagesFor(body.jobId)).toEqual([{ jobId: body.jobId }]);

    const audit = await ctx.auditRows({ requestId: res.headers.get('x-request-id')! });
    expect(audit).toEqual([expect.objectContaining({ actor_id: userId, action: 'document.uploaded', resource_type: 'document_job', resource_id: body.jobId, outcome: 'success' })]);
  });

  it('accepts the original design path POST /documents/upload as an alias', async () => {
    const res = await ctx.upload({ bytes: pngBytes() }, { path: '/documents/upload' });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as Accepted;
    expect((await ctx.job(jobId))?.status).toBe('queued');
    expect(await ctx.messagesFor(jobId)).toHaveLength(1);
  });

  it('decides the type by content: a PNG named .pdf and declared application/pdf is stored as image/png', async () => {
    const res = await ctx.upload({ bytes: pngBytes(), name: 'lab-report.pdf', type: 'application/pdf' });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as Accepted;
    expect((await ctx.headOriginal(jobId))?.ContentType).toBe('image/png');
    expect((await ctx.job(jobId))?.media_type).toBe('image/png');
  });

  it('names the configured KMS key on every PutObject instead of relying on the bucket default', async () => {
    // The bucket's default key is the documents key; configure another one and it must win.
    const otherKey = createDocumentsApp({ ...ctx.deps, documents: { ...ctx.deps.documents, kmsKeyId: ctx.resources.phiKeyArn } });
    const res = await ctx.upload({ bytes: pngBytes() }, { app: otherKey });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as Accepted;
    expect(await ctx.headOriginal(jobId)).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.resources.phiKeyArn });
  });

  it('accepts a file of exactly the limit (4.5 MB)', async () => {
    expect(ctx.deps.documents.maxUploadBytes).toBe(LIMIT);
    const res = await ctx.upload({ bytes: padToSize(await labReportPdfBytes(), LIMIT), name: 'big.pdf' });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as Accepted;
    expect((await ctx.headOriginal(jobId))?.ContentLength).toBe(LIMIT);
  });

  it("accepts a PDF between Converse's image limit (3.75 MB) and the upload limit: the image limit is for images only", async () => {
    const size = IMAGE_LIMIT + Math.floor((LIMIT - IMAGE_LIMIT) / 2);
    const res = await ctx.upload({ bytes: padToSize(await labReportPdfBytes(), size), name: 'scan.pdf' });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as Accepted;
    expect(await ctx.job(jobId)).toMatchObject({ media_type: 'application/pdf', size_bytes: size });
  });
});

describe('POST /documents: refused uploads', () => {
  const jobCount = async (userId: string) => (await ctx.jobsOf(userId)).length;

  it('answers a text file named x.pdf with 415 UNSUPPORTED_MEDIA_TYPE and stores nothing', async () => {
    const userId = await ctx.createUser();
    const res = await ctx.upload({ bytes: new TextEncoder().encode('Hemoglobin 11.2 g/dL 12.0-15.5\n'), name: 'x.pdf', type: 'application/pdf' }, { userId });
    expect(res.status).toBe(415);
    expect(await codeOf(res)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await jobCount(userId)).toBe(0);
  });

  it('answers an empty file with 400 VALIDATION_ERROR naming the field', async () => {
    const userId = await ctx.createUser();
    const res = await ctx.upload({ bytes: new Uint8Array(), name: 'empty.pdf' }, { userId });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR', fields: [{ path: 'file', message: 'is empty' }] } });
    expect(await jobCount(userId)).toBe(0);
  });

  it('answers a form without a file field, or with "file" as a text field, with 400', async () => {
    const noFile = new FormData();
    noFile.set('document', new File([pngBytes()], 'scan.png'));
    const textField = new FormData();
    textField.set('file', '%PDF-1.7 pretending to be a file');
    for (const form of [noFile, textField]) {
      const res = await ctx.upload(form);
      expect(res.status).toBe(400);
      expect(await codeOf(res)).toBe('VALIDATION_ERROR');
    }
  });

  it('answers two file fields with 400', async () => {
    const form = new FormData();
    form.append('file', new File([pngBytes()], 'a.png'));
    form.append('file', new File([pngBytes()], 'b.png'));
    const res = await ctx.upload(form);
    expect(res.status).toBe(400);
  });

  it('answers a body that is not multipart (JSON, raw bytes, broken multipart) with 400', async () => {
    const userId = await ctx.user();
    const headers = await ctx.authorization(userId);
    const bodies: [string, string | Uint8Array<ArrayBuffer>][] = [
      ['application/json', JSON.stringify({ file: 'JVBERi0xLjc=' })],
      ['application/pdf', new Uint8Array(await labReportPdfBytes())],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-'],
    ];
    for (const [contentType, body] of bodies) {
      const res = await ctx.app.request('/documents', { method: 'POST', body, headers: { ...headers, 'content-type': contentType } });
      expect(res.status, contentType).toBe(400);
      expect(await codeOf(res)).toBe('VALIDATION_ERROR');
    }
  });

  it('answers the limit + 1 byte with 413 FILE_TOO_LARGE saying 4.5 MB', async () => {
    const userId = await ctx.createUser();
    const res = await ctx.upload({ bytes: padToSize(await labReportPdfBytes(), LIMIT + 1), name: 'big.pdf' }, { userId });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE', message: 'The file is larger than 4.5 MB' } });
    expect(await jobCount(userId)).toBe(0);
  });

  it.each([
    ['a PNG', pngBytes, 'big.png'],
    ['a JPEG', jpegBytes, 'big.jpg'],
  ])("answers %s over Converse's 3.75 MB image limit (yet under the upload limit) with 413 FILE_TOO_LARGE saying the image limit", async (_name, make, name) => {
    const userId = await ctx.createUser();
    const res = await ctx.upload({ bytes: padToSize(make(), IMAGE_LIMIT + 1), name }, { userId });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE', message: 'The image is larger than 3.75 MB, the limit for JPEG and PNG files' } });
    expect(await jobCount(userId)).toBe(0);
  });

  it('stops reading a streamed body far over the limit and answers 413 FILE_TOO_LARGE', async () => {
    const chunk = new Uint8Array(256 * 1024);
    let pulled = 0;
    const total = 64 * 1024 * 1024;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const headers = { ...(await ctx.authorization(await ctx.user())), 'content-type': 'multipart/form-data; boundary=xyz' };
    const res = await ctx.app.request('/documents', { method: 'POST', body: stream, headers, duplex: 'half' });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE', category: 'validation', requestId: res.headers.get('x-request-id') } });
    // Read up to the limit (4.5 MB + multipart room) and a chunk or two of read-ahead, no more.
    expect(pulled).toBeLessThan(LIMIT + 2 * 1024 * 1024);
  });

  it('refuses a declared Content-Length far over the limit without reading the body', async () => {
    const headers = { ...(await ctx.authorization(await ctx.user())), 'content-type': 'multipart/form-data; boundary=xyz', 'content-length': String(50 * 1024 * 1024) };
    const res = await ctx.app.request('/documents/upload', { method: 'POST', body: 'x', headers });
    expect(res.status).toBe(413);
    expect(await codeOf(res)).toBe('FILE_TOO_LARGE');
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with a space', 'my key'],
    ['non-ASCII', 'schlüssel'],
  ])('answers an Idempotency-Key that is %s with 400', async (_name, key) => {
    const res = await ctx.upload({ bytes: pngBytes() }, { idempotencyKey: key });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR', fields: [{ path: 'header.idempotency-key' }] } });
  });

  it('answers an upload without (or with a bad) access token with 401, before reading the form', async () => {
    const form = new FormData();
    form.set('file', new File([pngBytes()], 'scan.png'));
    const anonymous = await ctx.app.request('/documents', { method: 'POST', body: form });
    expect(anonymous.status).toBe(401);
    expect(await codeOf(anonymous)).toBe('UNAUTHORIZED');
    // Same issuer, same kid, another private key: a forgery.
    const forged = await (await createTestTokenIssuer()).tokenFor(await ctx.user());
    const res = await ctx.app.request('/documents/upload', { method: 'POST', body: form, headers: { authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
  });

  it('answers a still-valid token of an erased account with 401 UNAUTHORIZED (not a foreign-key 500), creating nothing', async () => {
    const userId = await ctx.createUser();
    await ctx.adminDb.deleteFrom('users').where('id', '=', userId).execute();
    const res = await ctx.upload({ bytes: pngBytes(), name: 'scan.png' }, { userId });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', message: 'The account of this access token no longer exists' } });
    expect(await jobCount(userId)).toBe(0);
  });
});
