/** The content Lambda: timeline, results, subscription status and the account routes, over API Gateway HTTP API events. */
import { handle } from 'hono/aws-lambda';
import { accountRouteGroup } from './account-route-group.ts';
import { createContentApp } from './app.ts';
import { contentDependenciesFromEnvironment } from './dependencies-from-environment.ts';

export const handler = handle(createContentApp(contentDependenciesFromEnvironment(), accountRouteGroup));
