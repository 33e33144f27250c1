/**
 * `POST /dev/id-token`: mints a signed Google-style ID token for any e-mail, standing in for
 * the browser's Sign in with Google popup. Development and tests only; never deployed.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OAuth2Issuer } from 'oauth2-mock-server';
import { devIdTokenRequestSchema, type DevIdTokenRequest } from './dev-id-token-request.ts';
import { buildGoogleIdTokenClaims } from './google-claims.ts';

export const DEV_ID_TOKEN_PATH = '/dev/id-token';

const MAX_BODY_BYTES = 64 * 1024;

type ErrorCode = 'VALIDATION_ERROR' | 'NOT_FOUND' | 'METHOD_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE' | 'INTERNAL_ERROR';

/** Same envelope as Serenya's API errors, so clients and tests parse one shape. */
export function sendJsonError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Handles one request to {@link DEV_ID_TOKEN_PATH}: validates the JSON body and answers
 * `{ idToken }`, signed with the stand-in's RS256 key (the one its JWKS publishes).
 *
 * @example
 * ```ts
 * createServer((req, res) => {
 *   if (req.url === DEV_ID_TOKEN_PATH) void handleDevIdToken(req, res, { issuer, clientId });
 * });
 * ```
 */
export async function handleDevIdToken(
  req: IncomingMessage,
  res: ServerResponse,
  context: { issuer: OAuth2Issuer; clientId: string },
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendJsonError(res, 405, 'METHOD_NOT_ALLOWED', `${DEV_ID_TOKEN_PATH} accepts POST only`);
    return;
  }
  let rawBody: string;
  try {
    rawBody = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendJsonError(res, 413, 'PAYLOAD_TOO_LARGE', `body must be at most ${MAX_BODY_BYTES} bytes`);
      return;
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    sendJsonError(res, 400, 'VALIDATION_ERROR', 'body is not valid JSON');
    return;
  }
  const parsed = devIdTokenRequestSchema.safeParse(json);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
      .join('; ');
    sendJsonError(res, 400, 'VALIDATION_ERROR', message);
    return;
  }

  sendJson(res, 200, { idToken: await mintIdToken(parsed.data, context) });
}

/**
 * A signed ID token for `request`: what `POST /dev/id-token` answers and the sign-in page uses.
 *
 * @example
 * ```ts
 * const idToken = await mintIdToken({ email: 'jane@example.com' }, { issuer, clientId });
 * ```
 */
export async function mintIdToken(request: DevIdTokenRequest, context: { issuer: OAuth2Issuer; clientId: string }): Promise<string> {
  const issuerUrl = context.issuer.url;
  if (issuerUrl === undefined) throw new Error('the Google sign-in stand-in has no issuer URL yet (server not listening)');
  const claims = buildGoogleIdTokenClaims(request, {
    issuer: issuerUrl,
    clientId: context.clientId,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  return context.issuer.buildToken({
    // The mock's own iss/iat/exp/nbf are replaced wholesale by Google's claim set.
    scopesOrTransform: (_header, payload) => {
      for (const key of Object.keys(payload)) delete payload[key];
      Object.assign(payload, claims);
    },
  });
}
