/**
 * `GET /subscriptions/status` (Bearer): the user's plan, its monthly limits and this month's
 * usage. Cached 15 minutes per user, so it may lag new usage by up to 15 minutes; quotas are
 * enforced on the database directly, never on this (see domain/subscription-status.ts). An
 * erased account's token gets 401, not its cached usage.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import type { ServiceApp } from '#shared/http/create-service-app.ts';
import { errorResponseSpec } from '#shared/http/error-schema.ts';
import { assertUserExists } from '#shared/users/assert-user-exists.ts';
import type { ContentDependencies } from '../content-dependencies.ts';
import { readSubscriptionStatus } from '../domain/subscription-status.ts';
import { SubscriptionStatusSchema } from './schemas.ts';

export const getSubscriptionStatusRoute = createRoute({
  method: 'get',
  path: '/subscriptions/status',
  tags: ['subscriptions'],
  summary: "The user's plan, limits and this month's usage (may lag usage by up to 15 minutes)",
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'The subscription status', content: { 'application/json': { schema: SubscriptionStatusSchema } } },
    401: errorResponseSpec('UNAUTHORIZED (also when the account has been erased)'),
    503: errorResponseSpec('SERVICE_UNAVAILABLE'),
  },
});

/**
 * @example
 * ```ts
 * registerGetSubscriptionStatus(app, deps);
 * ```
 */
export function registerGetSubscriptionStatus(app: ServiceApp, deps: ContentDependencies): void {
  app.openapi(getSubscriptionStatusRoute, async (c) => {
    const userId = c.get('userId');
    await assertUserExists(deps.db, userId);
    return c.json(await readSubscriptionStatus(deps, userId, new Date()), 200);
  });
}
