/**
 * The Google sign-in stand-in: an OpenID provider on one 127.0.0.1 port that signs RS256 ID
 * tokens with Google's claim set and publishes its keys at Google's JWKS path, so the auth
 * service verifies them with the same code it uses against accounts.google.com, only the
 * issuer and JWKS URL differ.
 *
 * oauth2-mock-server supplies the keys, the JWKS, discovery and the standard OAuth routes; our
 * own node:http server in front adds `/dev/*` with Serenya's error envelope (its `addRoute`
 * would answer malformed JSON with its own problem+json body).
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';
import { DEV_ID_TOKEN_PATH, handleDevIdToken, sendJsonError } from './dev-id-token-route.ts';
import { handleSignInPage, SIGN_IN_PAGE_PATH, type SignInTarget } from './sign-in-page.ts';

/** Google's own JWKS path (https://www.googleapis.com/oauth2/v3/certs), mirrored for realism. */
export const GOOGLE_JWKS_PATH = '/oauth2/v3/certs';

/** Shaped like a real Google OAuth client id; any string works. */
export const DEFAULT_GOOGLE_CLIENT_ID = '000000000000-serenyalocal.apps.googleusercontent.com';

const LOOPBACK_HOST = '127.0.0.1';

export interface GoogleSignInOptions {
  /** The OAuth client id put in `aud` and `azp`. */
  clientId?: string;
}

export interface GoogleSignIn {
  /** The `iss` of every token: `http://127.0.0.1:<port>` (no trailing slash). */
  readonly issuer: string;
  readonly jwksUri: string;
  /** `POST` here with `{ email, ... }` to get `{ idToken }`. */
  readonly idTokenUrl: string;
  readonly discoveryUrl: string;
  /** The sign-in page (`npm run local`): works once {@link GoogleSignIn.setSignInTarget} named the API. */
  readonly signInPageUrl: string;
  readonly clientId: string;
  /** Where the sign-in page exchanges the ID token (`POST {apiUrl}/auth/google`) and which console it links. */
  setSignInTarget(target: SignInTarget): void;
  /** Closes the port, open keep-alive connections included. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the stand-in on a free 127.0.0.1 port with a fresh RS256 key.
 *
 * @example
 * ```ts
 * const google = await startGoogleSignIn({ clientId: 'web-client' });
 * const res = await fetch(google.idTokenUrl, { method: 'POST', body: JSON.stringify({ email: 'jane@example.com' }) });
 * const { idToken } = await res.json();
 * await google.stop();
 * ```
 */
export async function startGoogleSignIn(options: GoogleSignInOptions = {}): Promise<GoogleSignIn> {
  const clientId = options.clientId ?? DEFAULT_GOOGLE_CLIENT_ID;
  const issuer = new OAuth2Issuer();
  await issuer.keys.generate('RS256');
  const service = new OAuth2Service(issuer, { jwks: GOOGLE_JWKS_PATH });
  const delegate = service.requestHandler;
  let signInTarget: SignInTarget | undefined;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    if (path === DEV_ID_TOKEN_PATH) {
      handleDevIdToken(req, res, { issuer, clientId }).catch((error: unknown) => {
        console.error('google sign-in stand-in: /dev/id-token failed', error);
        if (!res.headersSent) sendJsonError(res, 500, 'INTERNAL_ERROR', 'could not mint the ID token');
        else res.destroy();
      });
    } else if (path === '/' || path === SIGN_IN_PAGE_PATH) {
      handleSignInPage(req, res, { issuer, clientId, target: () => signInTarget }).catch((error: unknown) => {
        console.error('google sign-in stand-in: the sign-in page failed', error);
        if (!res.headersSent) sendJsonError(res, 500, 'INTERNAL_ERROR', 'the sign-in page failed');
        else res.destroy();
      });
    } else if (path.startsWith('/dev/')) {
      sendJsonError(res, 404, 'NOT_FOUND', `no dev route ${path}`);
    } else {
      delegate(req, res);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuerUrl = `http://${LOOPBACK_HOST}:${port}`;
  issuer.url = issuerUrl;

  let stopping: Promise<void> | undefined;
  return {
    issuer: issuerUrl,
    jwksUri: `${issuerUrl}${GOOGLE_JWKS_PATH}`,
    idTokenUrl: `${issuerUrl}${DEV_ID_TOKEN_PATH}`,
    discoveryUrl: `${issuerUrl}/.well-known/openid-configuration`,
    signInPageUrl: `${issuerUrl}${SIGN_IN_PAGE_PATH}`,
    clientId,
    setSignInTarget: (target) => {
      signInTarget = { ...target };
    },
    stop: () => {
      stopping ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets (jose's JWKS fetches, undici) would hold close() open.
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
