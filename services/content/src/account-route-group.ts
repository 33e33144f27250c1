/**
 * The account routes (GDPR export and erasure) as a route group of the content app, which
 * serves them in the original design's request flow. The app already requires a token on every
 * route; the group verifies again on its own so it stays safe wherever it is registered.
 * @module
 */
import { requireAuth } from '#shared/http/middleware/require-auth.ts';
import { registerAccountRoutes } from './account/register-account-routes.ts';
import type { ContentRouteGroup } from './app.ts';

export const accountRouteGroup: ContentRouteGroup = (app, deps) =>
  registerAccountRoutes(
    app,
    { db: deps.db, cipher: deps.cipher, s3: deps.s3, documentsBucket: deps.documents.bucket, dynamo: deps.dynamodb, costTableName: deps.costTableName },
    requireAuth(deps.accessTokens),
  );
