import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FORWARDED_AUTHORIZATION_HEADER } from '../../../../services/chat/src/forwarded-authorization.ts';
import { CHAT_MESSAGES_PATH, CHAT_STREAM_REWRITE_CODE } from './chat-stream-path.ts';

interface CfRequest {
  uri: string;
  headers: Record<string, { value: string }>;
}

/** Runs the CloudFront Function's source as CloudFront would: a global `handler(event)`. */
function viewerRequest(request: CfRequest): CfRequest {
  const sandbox: { handler?: (event: { request: CfRequest }) => CfRequest } = {};
  runInNewContext(`${CHAT_STREAM_REWRITE_CODE}\nthis.handler = handler;`, sandbox);
  if (!sandbox.handler) throw new Error('no handler');
  return sandbox.handler({ request });
}

describe('chat stream path rewrite', () => {
  it('sends /chat/stream to the chat app’s SSE route, keeping the bearer token past the OAC signature', () => {
    const out = viewerRequest({ uri: '/chat/stream', headers: { authorization: { value: 'Bearer t' }, 'content-type': { value: 'application/json' } } });
    expect(out.uri).toBe(CHAT_MESSAGES_PATH);
    expect(out.headers.accept).toEqual({ value: 'text/event-stream' });
    expect(out.headers[FORWARDED_AUTHORIZATION_HEADER]).toEqual({ value: 'Bearer t' });
    expect(out.headers['content-type']).toEqual({ value: 'application/json' });
  });

  it('adds no token header when the viewer sent none, and drops one the viewer set itself', () => {
    expect(viewerRequest({ uri: '/chat/stream', headers: {} }).headers).toEqual({ accept: { value: 'text/event-stream' } });
    const own = viewerRequest({ uri: '/chat/stream', headers: { [FORWARDED_AUTHORIZATION_HEADER]: { value: 'Bearer x' } } });
    expect(own.headers).toEqual({ accept: { value: 'text/event-stream' } });
  });
});
