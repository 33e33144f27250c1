/**
 * `GET /content/{id}` (Bearer): one result, the whole interpretation with its lab values. A
 * malformed id, a missing result and another user's result get the same 404, so the answer
 * never tells whether a result exists. Reads are audited (`content.read`), misses as failures.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent, writeFailureAuditEvent } from '#shared/audit/write-audit-event.ts';
import { readLabContent } from '#shared/content/index.ts';
import { isUuid } from '#shared/content/is-uuid.ts';
import { AppError } from '#shared/errors/index.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import type { ContentDependencies } from '../content-dependencies.ts';
import { ContentIdParams, LabContentSchema } from './schemas.ts';

export const CONTENT_RESOURCE_TYPE = 'content';

export const getContentRoute = createRoute({
  method: 'get',
  path: '/content/{id}',
  tags: ['content'],
  summary: 'One result: the whole interpretation with its lab values',
  security: [{ bearer: [] }],
  request: { params: ContentIdParams },
  responses: {
    200: { description: 'The result', content: { 'application/json': { schema: LabContentSchema } } },
    401: errorResponseSpec('UNAUTHORIZED'),
    404: errorResponseSpec('NOT_FOUND: no such result for this user (also for a malformed id)'),
    503: errorResponseSpec('SERVICE_UNAVAILABLE'),
  },
});

/**
 * @example
 * ```ts
 * registerGetContent(app, deps);
 * ```
 */
export function registerGetContent(app: ServiceApp, deps: ContentDependencies): void {
  app.openapi(getContentRoute, async (c) => {
    const userId = c.get('userId');
    const requestId = c.get('requestId');
    const { id } = c.req.valid('param');
    const content = await readLabContent(deps.db, deps.cipher, userId, id);
    if (!content) {
      // Reading someone else's (or a guessed) id is worth a trace; the answer stays a plain 404.
      await writeFailureAuditEvent(deps.db, { actorId: userId, action: AuditActions.contentRead, resourceType: CONTENT_RESOURCE_TYPE, resourceId: isUuid(id) ? id : null, outcome: 'failure', reason: 'NOT_FOUND', requestId });
      throw new AppError('NOT_FOUND');
    }
    await writeAuditEvent(deps.db, { actorId: userId, action: AuditActions.contentRead, resourceType: CONTENT_RESOURCE_TYPE, resourceId: content.id, outcome: 'success', requestId });
    return c.json(content, 200);
  });
}
