/**
 * The header that carries the viewer's bearer token to the chat's streaming function: CloudFront's
 * origin access control signs the origin request in `Authorization`, so the `/chat/stream`
 * CloudFront Function (platform/src/constructs/edge/chat-stream-path.ts, which imports this)
 * copies the viewer's `Authorization` here first. A file of its own so the platform can import
 * the name without loading the chat app.
 * @module
 */
export const FORWARDED_AUTHORIZATION_HEADER = 'x-serenya-authorization';
