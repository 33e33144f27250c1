/**
 * The chat Lambda: the Hono app over API Gateway HTTP API events.
 *
 * An HTTP API buffers Lambda responses, so through it `Accept: text/event-stream` still works but
 * arrives in one piece. In AWS the streaming variant is `stream-handler.ts` (its own function, whose
 * URL in response-stream mode CloudFront `/chat/stream` reaches); locally the same app streams
 * through the local gateway too. This entry reads the bearer token from `Authorization` only.
 */
import { handle } from 'hono/aws-lambda';
import { createChatApp } from './app.ts';
import { chatDependenciesFromEnvironment } from './dependencies-from-environment.ts';

export const handler = handle(createChatApp(chatDependenciesFromEnvironment()));
