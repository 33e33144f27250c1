/**
 * The content service: the user's timeline of results, one result with its lab values, and the
 * subscription status (plan, limits, this month's usage). A plain Hono app: testable with
 * `app.request()`, served by Lambda through `handler.ts`.
 *
 * Every path but `/openapi.json` requires a Bearer access token, including route groups
 * registered later (the account routes), so a group cannot forget authentication.
 *
 * @example
 * ```ts
 * const app = createContentApp(deps, registerAccountRoutes);
 * const res = await app.request('/content/timeline?limit=10', { headers: { authorization: `Bearer ${token}` } });
 * ```
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { createServiceApp, type ServiceApp } from '#shared/http/create-service-app.ts';
import { requireAuth } from '#shared/http/middleware/require-auth.ts';
import type { ServiceEnv } from '#shared/http/service-env.ts';
import type { ContentDependencies } from './content-dependencies.ts';
import { registerGetContent } from './routes/get-content.ts';
import { registerGetSubscriptionStatus } from './routes/get-subscription-status.ts';
import { registerGetTimeline } from './routes/get-timeline.ts';

/** A group of routes registered on the content app, e.g. `registerAccountRoutes`. */
export type ContentRouteGroup = (app: ServiceApp, deps: ContentDependencies) => void;

/** The only path answered without a token. */
const PUBLIC_PATHS = new Set(['/openapi.json']);

/**
 * The app with its own routes, then `extraRouteGroups` in order, all behind Bearer
 * authentication.
 *
 * @example
 * ```ts
 * export const handler = handle(createContentApp(contentDependenciesFromEnvironment(), registerAccountRoutes));
 * ```
 */
export function createContentApp(deps: ContentDependencies, ...extraRouteGroups: ContentRouteGroup[]): ServiceApp {
  const app = createServiceApp({ title: 'Serenya content', version: '1.0.0' });

  // Authentication before the routes' own validation: an anonymous caller learns nothing
  // about what a valid request would look like (nor which paths exist).
  const auth = requireAuth(deps.accessTokens);
  const authUnlessPublic: MiddlewareHandler<ServiceEnv> = async (c, next) => (PUBLIC_PATHS.has(c.req.path) ? next() : auth(c, next));
  app.use('*', authUnlessPublic);

  // The timeline before `/content/{id}`: both match `/content/timeline`, the first one answers.
  registerGetTimeline(app, deps);
  registerGetContent(app, deps);
  registerGetSubscriptionStatus(app, deps);
  for (const register of extraRouteGroups) register(app, deps);
  return app;
}
