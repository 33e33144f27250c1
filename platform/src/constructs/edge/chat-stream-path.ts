/**
 * The CloudFront Function on the chat streaming behaviour: clients POST to `/chat/stream`, which
 * CloudFront sends to the chat-stream function's URL (response-streaming mode); the chat app serves SSE
 * on `POST /chat/messages` with `Accept: text/event-stream`, so the path is rewritten and the
 * Accept header set. A distinct path keeps the buffered API route and the streaming route apart.
 * The origin access control signs the origin request in the Authorization header, replacing
 * the viewer's bearer token, so the token is copied to {@link FORWARDED_AUTHORIZATION_HEADER}
 * (whatever a viewer sent in that header itself is dropped: the token has one way in). The
 * function behind it is `chat-stream` (services/chat/src/stream-handler.ts).
 *
 * @example
 * ```ts
 * const rewrite = new ChatStreamPath(this, 'ChatStreamPath', { stage });
 * behaviour.functionAssociations = [{ function: rewrite.function, eventType: FunctionEventType.VIEWER_REQUEST }];
 * ```
 * @module
 */
import { Function as CloudFrontFunction, FunctionCode, FunctionRuntime } from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { FORWARDED_AUTHORIZATION_HEADER } from '../../../../services/chat/src/forwarded-authorization.ts';

/** The public path of the streaming chat endpoint. */
export const CHAT_STREAM_PATH = '/chat/stream';
/** Where the chat app serves messages (streamed with Accept: text/event-stream). */
export const CHAT_MESSAGES_PATH = '/chat/messages';

/** The viewer-request handler, CloudFront Functions JavaScript 2.0. */
export const CHAT_STREAM_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  request.uri = '${CHAT_MESSAGES_PATH}';
  request.headers['accept'] = { value: 'text/event-stream' };
  delete request.headers['${FORWARDED_AUTHORIZATION_HEADER}'];
  if (request.headers['authorization']) {
    request.headers['${FORWARDED_AUTHORIZATION_HEADER}'] = { value: request.headers['authorization'].value };
  }
  return request;
}`;

export class ChatStreamPath extends Construct {
  readonly function: CloudFrontFunction;

  constructor(scope: Construct, id: string, props: { readonly stage: string }) {
    super(scope, id);
    this.function = new CloudFrontFunction(this, 'Function', {
      functionName: `serenya-${props.stage}-chat-stream-path`,
      comment: `${CHAT_STREAM_PATH} -> ${CHAT_MESSAGES_PATH} (SSE)`,
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(CHAT_STREAM_REWRITE_CODE),
    });
  }
}
