/**
 * The sign-in page of `npm run local` (`GET /` and `GET /dev/sign-in` on the stand-in): sign in
 * as anyone by e-mail, as the Sign in with Google button would, without a Google account.
 *
 * The form posts back to the stand-in, which mints the ID token and exchanges it at the local
 * API's `POST /auth/google` itself (server to server), so the page needs no script and no CORS.
 * It shows the access token to copy and links to the web console.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OAuth2Issuer } from 'oauth2-mock-server';
import { devIdTokenRequestSchema } from './dev-id-token-request.ts';
import { mintIdToken } from './dev-id-token-route.ts';

export const SIGN_IN_PAGE_PATH = '/dev/sign-in';
const MAX_FORM_BYTES = 16 * 1024;

/** Where the page sends people: set once the local API is up. */
export interface SignInTarget {
  /** The local API's base URL; `POST {apiUrl}/auth/google` exchanges the ID token. */
  apiUrl: string;
  /** The web console's URL, linked from the page. */
  webUrl?: string;
}

interface PageContext {
  issuer: OAuth2Issuer;
  clientId: string;
  target: () => SignInTarget | undefined;
}

/**
 * Serves `GET` (the form) and `POST` (sign in, show the tokens) of the page.
 *
 * @example
 * ```ts
 * if (path === '/' || path === SIGN_IN_PAGE_PATH) await handleSignInPage(req, res, { issuer, clientId, target: () => target });
 * ```
 */
export async function handleSignInPage(req: IncomingMessage, res: ServerResponse, context: PageContext): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    sendHtml(res, 200, formPage(context.target()));
    return;
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'GET, POST');
    sendHtml(res, 405, page('Method not allowed', '<p>Use the form.</p>'));
    return;
  }
  const target = context.target();
  if (target === undefined) {
    sendHtml(res, 503, page('Not ready', '<p>The local API is not up yet. Try again in a moment.</p>'));
    return;
  }
  const form = new URLSearchParams(await readForm(req));
  const name = form.get('name')?.trim();
  const parsed = devIdTokenRequestSchema.safeParse({ email: form.get('email')?.trim() ?? '', ...(name ? { name } : {}) });
  if (!parsed.success) {
    sendHtml(res, 400, formPage(target, 'Enter a valid e-mail address.'));
    return;
  }
  const idToken = await mintIdToken(parsed.data, context);
  const exchange = await fetch(`${target.apiUrl}/auth/google`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ idToken }),
  }).catch((error: unknown) => error as Error);
  if (exchange instanceof Error) {
    sendHtml(res, 502, page('Sign-in failed', `<p>The local API at ${escapeHtml(target.apiUrl)} did not answer: ${escapeHtml(exchange.message)}</p>`));
    return;
  }
  const text = await exchange.text();
  if (exchange.status !== 200) {
    sendHtml(res, 502, page('Sign-in failed', `<p>POST /auth/google answered ${exchange.status}:</p><pre>${escapeHtml(text)}</pre>`));
    return;
  }
  const session = JSON.parse(text) as { accessToken: string; refreshToken: string; expiresIn: number; user: { email: string; id?: string } };
  sendHtml(res, 200, signedInPage(target, session));
}

function formPage(target: SignInTarget | undefined, problem?: string): string {
  return page(
    'Sign in to Serenya (local)',
    `${problem === undefined ? '' : `<p class="problem">${escapeHtml(problem)}</p>`}
<p>Stands in for <em>Sign in with Google</em>: any e-mail works, no Google account is involved.</p>
<form method="post" action="${SIGN_IN_PAGE_PATH}">
  <label>E-mail <input type="email" name="email" required value="demo@serenya.local" autofocus></label>
  <label>Name <input type="text" name="name" placeholder="from the e-mail if empty"></label>
  <button type="submit">Sign in</button>
</form>
<p>API: ${target === undefined ? 'starting…' : escapeHtml(target.apiUrl)}</p>`,
  );
}

function signedInPage(target: SignInTarget, session: { accessToken: string; refreshToken: string; expiresIn: number; user: { email: string } }): string {
  const web = target.webUrl === undefined ? '' : `<p><a href="${escapeHtml(target.webUrl)}">Open the web console</a></p>`;
  return page(
    `Signed in as ${escapeHtml(session.user.email)}`,
    `<p>Access token (valid ${session.expiresIn} s), for <code>Authorization: Bearer …</code>:</p>
<textarea readonly rows="6" onclick="this.select()">${escapeHtml(session.accessToken)}</textarea>
<p>Try: <code>curl -H "Authorization: Bearer $TOKEN" ${escapeHtml(target.apiUrl)}/content/timeline</code></p>
<p>Refresh token (for <code>POST /auth/refresh</code>):</p>
<textarea readonly rows="2" onclick="this.select()">${escapeHtml(session.refreshToken)}</textarea>
${web}<p><a href="${SIGN_IN_PAGE_PATH}">Sign in as someone else</a></p>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.5rem 0}
input{font:inherit;width:100%;padding:.3rem}textarea{width:100%;font:12px monospace}.problem{color:#b00}button{font:inherit;padding:.3rem 1rem}</style>
</head><body><h1>${title}</h1>
${body}
</body></html>`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store' });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Text into HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
