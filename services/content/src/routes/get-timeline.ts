/**
 * `GET /content/timeline?limit=&cursor=` (Bearer): the user's results newest first, a page at a
 * time (`{items, nextCursor}`). Every read is audited (`content.timeline_read`), cached or not.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import { AuditActions } from '#shared/audit/audit-actions.ts';
import { writeAuditEvent } from '#shared/audit/write-audit-event.ts';
import { AppError } from '#shared/errors/index.ts';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import type { ContentDependencies } from '../content-dependencies.ts';
import { readTimeline } from '../domain/timeline.ts';
import { decodeTimelineCursor } from '../domain/timeline-cursor.ts';
import { TimelinePageSchema, TimelineQuery } from './schemas.ts';

export const TIMELINE_RESOURCE_TYPE = 'timeline';

export const getTimelineRoute = createRoute({
  method: 'get',
  path: '/content/timeline',
  tags: ['content'],
  summary: "The user's results, newest first (keyset pagination)",
  security: [{ bearer: [] }],
  request: { query: TimelineQuery },
  responses: {
    200: { description: 'One page of results', content: { 'application/json': { schema: TimelinePageSchema } } },
    400: errorResponseSpec('VALIDATION_ERROR: limit outside 1 to 50, or a cursor this API did not issue'),
    401: errorResponseSpec('UNAUTHORIZED'),
    503: errorResponseSpec('SERVICE_UNAVAILABLE'),
  },
});

/**
 * @example
 * ```ts
 * registerGetTimeline(app, deps);
 * ```
 */
export function registerGetTimeline(app: ServiceApp, deps: ContentDependencies): void {
  app.openapi(getTimelineRoute, async (c) => {
    const userId = c.get('userId');
    const { limit, cursor } = c.req.valid('query');
    const after = cursor === undefined ? undefined : decodeTimelineCursor(cursor);
    if (cursor !== undefined && after === undefined) {
      throw new AppError('VALIDATION_ERROR', { fields: [{ path: 'cursor', message: 'must be a nextCursor from this API, unchanged' }] });
    }
    const page = await readTimeline(deps, userId, { limit, cursor, after });
    await writeAuditEvent(deps.db, { actorId: userId, action: AuditActions.timelineRead, resourceType: TIMELINE_RESOURCE_TYPE, resourceId: userId, outcome: 'success', requestId: c.get('requestId') });
    return c.json(page, 200);
  });
}
