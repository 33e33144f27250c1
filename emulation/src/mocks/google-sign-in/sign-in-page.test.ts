import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleSignIn, type GoogleSignIn } from './index.ts';
import { escapeHtml } from './sign-in-page.ts';

/** Stands in for the local API: verifies the ID token as the auth service would, answers a session. */
let api: Server;
let apiUrl: string;
let google: GoogleSignIn;
const exchanged: string[] = [];

beforeAll(async () => {
  google = await startGoogleSignIn();
  const jwks = createRemoteJWKSet(new URL(google.jwksUri));
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      void (async () => {
        if (req.url !== '/auth/google' || req.method !== 'POST') {
          res.writeHead(404).end();
          return;
        }
        const { idToken } = JSON.parse(body) as { idToken: string };
        const { payload } = await jwtVerify(idToken, jwks, { issuer: google.issuer, audience: google.clientId });
        exchanged.push(String(payload.email));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ accessToken: 'access.<token>', refreshToken: 'refresh-1', expiresIn: 900, user: { email: payload.email } }));
      })();
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await google.stop();
  await new Promise<void>((resolve) => api.close(() => resolve()));
});

const signIn = (form: Record<string, string>) =>
  fetch(google.signInPageUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

describe('the sign-in page', () => {
  it('answers 503 until the local API is known', async () => {
    const response = await signIn({ email: 'early@example.test' });
    expect(response.status).toBe(503);
  });

  it('serves the form at / and /dev/sign-in', async () => {
    google.setSignInTarget({ apiUrl, webUrl: 'http://127.0.0.1:1/web' });
    for (const url of [`${google.issuer}/`, google.signInPageUrl]) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      const html = await response.text();
      expect(html).toContain('<form method="post" action="/dev/sign-in">');
      expect(html).toContain(apiUrl);
    }
  });

  it('mints an ID token, exchanges it at POST /auth/google and shows the access token (escaped) and the console link', async () => {
    const response = await signIn({ email: 'jane.doe@example.test', name: 'Jane' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(exchanged).toContain('jane.doe@example.test');
    expect(html).toContain('Signed in as jane.doe@example.test');
    expect(html).toContain('access.&#60;token&#62;');
    expect(html).toContain('href="http://127.0.0.1:1/web"');
  });

  it('shows the form again with a problem for a bad e-mail, and the API error when the exchange fails', async () => {
    const bad = await signIn({ email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter a valid e-mail address.');

    google.setSignInTarget({ apiUrl: `${apiUrl}/nowhere` });
    const failed = await signIn({ email: 'jane@example.test' });
    expect(failed.status).toBe(502);
    expect(await failed.text()).toContain('answered 404');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
