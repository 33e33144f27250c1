/** The documents Lambda: the Hono app over API Gateway HTTP API events. */
import { handle } from 'hono/aws-lambda';
import { createDocumentsApp } from './app.ts';
import { documentsDependenciesFromEnvironment } from './dependencies-from-environment.ts';

export const handler = handle(createDocumentsApp(documentsDependenciesFromEnvironment()));
