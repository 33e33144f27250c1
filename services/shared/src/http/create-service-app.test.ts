import { createRoute, z } from '@hono/zod-openapi';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors/index.ts';
import { logger } from '../observability/logger.ts';
import { captureEmf } from '../testing/capture-emf.ts';
import { createServiceApp } from './create-service-app.ts';
import { DatabaseUnavailableError } from '../db/database-unavailable.ts';

function buildApp() {
  const app = createServiceApp({ title: 'test', version: '0.0.0', maxBodyBytes: 1024 });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/things',
      request: { body: { content: { 'application/json': { schema: z.object({ name: z.string().min(1), count: z.number().int() }) } } } },
      responses: { 200: { description: 'ok', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } } },
    }),
    (c) => c.json({ ok: true }, 200),
  );
  app.get('/boom', () => {
    throw new Error('secret stack detail: patient Jane Doe');
  });
  app.get('/conflict', () => {
    throw new AppError('EMAIL_NOT_VERIFIED');
  });
  app.get('/db-down', () => {
    throw new DatabaseUnavailableError(new Error('ECONNREFUSED'));
  });
  return app;
}

const post = (body: string) => ({ method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('createServiceApp', () => {
  let emf: ReturnType<typeof captureEmf>;
  beforeEach(() => {
    emf = captureEmf();
  });
  afterEach(() => {
    emf.restore();
    vi.restoreAllMocks();
  });

  it('answers an unknown route with 404 NOT_FOUND in the error shape', async () => {
    const res = await buildApp().request('/nope');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: 'NOT_FOUND', category: 'validation' });
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers malformed JSON with 400 VALIDATION_ERROR', async () => {
    const res = await buildApp().request('/things', post('{"name": '));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR');
  });

  it('names the missing and the wrong-typed field', async () => {
    const res = await buildApp().request('/things', post(JSON.stringify({ count: 'three' })));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string; fields: Array<{ path: string }> } };
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.fields.map((f) => f.path).sort()).toEqual(['count', 'name']);
    expect(error.message).toContain('name is required');
  });

  it('turns an unexpected throw into 500 INTERNAL_ERROR without stack or detail, and logs the stack', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const res = await buildApp().request('/boom');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('Jane');
    expect(text).not.toContain('at ');
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'INTERNAL_ERROR', category: 'technical', message: 'An unexpected error occurred' } });
    expect(logged).toHaveBeenCalledTimes(1);
    const [, extra] = logged.mock.calls[0] as [string, { error: Error }];
    expect(extra.error.stack).toContain('secret stack detail');
  });

  it('maps a database outage to 503 SERVICE_UNAVAILABLE, category technical, with Retry-After', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const res = await buildApp().request('/db-down');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', category: 'technical' } });
  });

  it('emits ErrorsByCategory with Category and RecoveryStrategy for every error response', async () => {
    const app = buildApp();
    await app.request('/nope');
    await app.request('/conflict');
    const lines = emf.named('ErrorsByCategory');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => [l.Category, l.RecoveryStrategy])).toEqual([
      ['validation', 'ignore'],
      ['business', 'ignore'],
    ]);
    expect(lines[0]?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Serenya/Errors', Dimensions: [['Category', 'RecoveryStrategy'], ['Category']] });
  });

  it('rejects a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await buildApp().request('/things', post(JSON.stringify({ name: 'x'.repeat(2048), count: 1 })));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('keeps a well-formed caller request id and sets security headers', async () => {
    const res = await buildApp().request('/things', { ...post(JSON.stringify({ name: 'a', count: 1 })), headers: { 'content-type': 'application/json', 'x-request-id': 'req-12345678' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-12345678');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves its OpenAPI document', async () => {
    const res = await buildApp().request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/things');
  });
});
