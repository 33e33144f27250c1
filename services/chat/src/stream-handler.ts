/**
 * The chat's streaming Lambda (`serenya-<stage>-chat-stream`): the same chat app over the
 * function URL in response-streaming mode behind CloudFront `/chat/stream`, so SSE answers reach
 * the client as the model writes them. The HTTP API keeps `handler.ts` (buffered), which reads
 * the token from `Authorization` only. See chat-stream-handler.ts.
 */
import { createChatStreamHandler } from './chat-stream-handler.ts';
import { chatDependenciesFromEnvironment } from './dependencies-from-environment.ts';

export const handler = createChatStreamHandler(chatDependenciesFromEnvironment());
