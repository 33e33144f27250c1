/**
 * The chat Lambda: the Hono app over API Gateway HTTP API events.
 *
 * An HTTP API buffers Lambda responses, so through it `Accept: text/event-stream` still works but
 * arrives in one piece. In AWS the streaming variant is served by this function's URL in
 * response-stream mode behind CloudFront (`streamHandle` from 'hono/aws-lambda'), wired by the
 * platform issue; locally the same app streams through the local gateway.
 */
import { handle } from 'hono/aws-lambda';
import { createChatApp } from './app.ts';
import { chatDependenciesFromEnvironment } from './dependencies-from-environment.ts';

export const handler = handle(createChatApp(chatDependenciesFromEnvironment()));
