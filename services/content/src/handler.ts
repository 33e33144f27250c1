/** The content Lambda: the Hono app over API Gateway HTTP API events. */
import { handle } from 'hono/aws-lambda';
import { createContentApp } from './app.ts';
import { contentDependenciesFromEnvironment } from './dependencies-from-environment.ts';

export const handler = handle(createContentApp(contentDependenciesFromEnvironment()));
