import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createLocalJWKSet } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { readDatabaseConfig } from '#shared/config/database-config.ts';
import { readDocumentsConfig } from '#shared/config/documents-config.ts';
import { createDatabase } from '#shared/db/database.ts';
import { createDocumentsApp } from './app.ts';

// Nothing here reaches a database or AWS: the routes refuse before they would.
const database = createDatabase(readDatabaseConfig({ DATABASE_URL: 'postgres://serenya_app_user:x@127.0.0.1:1/serenya', DATABASE_SSL: 'disable' }));
const app = createDocumentsApp({
  db: database.db,
  s3: new S3Client({ region: 'eu-west-1' }),
  sqs: new SQSClient({ region: 'eu-west-1' }),
  documents: readDocumentsConfig({ DOCUMENTS_BUCKET: 'serenya-temp', DOCUMENTS_KMS_KEY_ID: 'alias/serenya-documents', PROCESSING_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q' }),
  accessTokens: { issuer: 'https://auth.serenya.test', audience: 'serenya-api', keys: createLocalJWKSet({ keys: [] }) },
});
afterAll(() => database.close());

describe('the documents app', () => {
  it('documents every route, alias and error answer in /openapi.json', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const document = (await res.json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown; parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, unknown> } }>> };
    expect(Object.keys(document.paths).sort()).toEqual(['/documents', '/documents/upload', '/jobs/{jobId}', '/jobs/{jobId}/retry', '/jobs/{jobId}/status']);
    for (const path of ['/documents', '/documents/upload']) {
      const upload = document.paths[path]?.['post'];
      expect(Object.keys(upload?.responses ?? {}).sort()).toEqual(['202', '400', '401', '413', '415', '429', '503']);
      expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
      expect(upload?.parameters).toEqual([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]);
      expect(upload?.security).toEqual([{ bearer: [] }]);
    }
    expect(Object.keys(document.paths['/jobs/{jobId}']?.['get']?.responses ?? {}).sort()).toEqual(['200', '401', '404', '503']);
    expect(Object.keys(document.paths['/jobs/{jobId}/status']?.['get']?.responses ?? {}).sort()).toEqual(['200', '401', '404', '503']);
    expect(Object.keys(document.paths['/jobs/{jobId}/retry']?.['post']?.responses ?? {}).sort()).toEqual(['202', '401', '404', '409', '503']);
  });

  it.each([
    ['POST', '/documents'],
    ['POST', '/documents/upload'],
    ['GET', `/jobs/${crypto.randomUUID()}`],
    ['GET', `/jobs/${crypto.randomUUID()}/status`],
    ['POST', `/jobs/${crypto.randomUUID()}/retry`],
  ])('answers %s %s without a token with 401 UNAUTHORIZED', async (method, path) => {
    const res = await app.request(path, { method });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('names the configured limit when it stops reading a body far over it, as for a file just over it', async () => {
    const lowered = createDocumentsApp({
      db: database.db,
      s3: new S3Client({ region: 'eu-west-1' }),
      sqs: new SQSClient({ region: 'eu-west-1' }),
      documents: readDocumentsConfig({ DOCUMENTS_BUCKET: 'serenya-temp', DOCUMENTS_KMS_KEY_ID: 'alias/serenya-documents', PROCESSING_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q', MAX_UPLOAD_BYTES: '1000000' }),
      accessTokens: { issuer: 'https://auth.serenya.test', audience: 'serenya-api', keys: createLocalJWKSet({ keys: [] }) },
    });
    for (const target of [lowered, app]) {
      const res = await target.request('/documents', { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data; boundary=xyz', 'content-length': String(50 * 1024 * 1024) } });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE', message: target === lowered ? 'The file is larger than 1 MB' : 'The file is larger than 4.5 MB' } });
    }
  });

  it('keeps the generic 413 PAYLOAD_TOO_LARGE off the upload routes', async () => {
    const res = await app.request(`/jobs/${crypto.randomUUID()}/retry`, { method: 'POST', body: 'x', headers: { 'content-length': String(50 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});
