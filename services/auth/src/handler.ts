/** The auth Lambda: the Hono app over API Gateway HTTP API events. */
import { handle } from 'hono/aws-lambda';
import { createAuthApp } from './app.ts';
import { authDependenciesFromEnvironment } from './dependencies-from-environment.ts';

export const handler = handle(createAuthApp(authDependenciesFromEnvironment()));
