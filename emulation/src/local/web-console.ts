/**
 * The web console at the banner's `web` URL: the built app from `services/web/dist` when it
 * exists (static files, `index.html` for every unknown path, as CloudFront's SPA fallback does),
 * otherwise a page that says the console is not built and where the API and sign-in page are.
 * @module
 */
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { escapeHtml } from '../mocks/google-sign-in/sign-in-page.ts';
import { REPOSITORY_ROOT } from './local-paths.ts';

export const WEB_CONSOLE_BUILD_DIR = join(REPOSITORY_ROOT, 'services', 'web', 'dist');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface WebConsoleOptions {
  /** Shown on the placeholder page. */
  apiUrl: string;
  signInUrl: string;
  /** The built console; default `services/web/dist`. */
  buildDir?: string;
  port?: number;
  /** Serves `/_local/*` (the alarm states): the emulator's own pages beside the console. */
  localRoutes?: { fetch: (request: Request) => Response | Promise<Response> };
}

export interface WebConsole {
  readonly url: string;
  /** False when the placeholder page is served. */
  readonly built: boolean;
  stop(): Promise<void>;
}

export async function startWebConsole(options: WebConsoleOptions): Promise<WebConsole> {
  const buildDir = options.buildDir ?? WEB_CONSOLE_BUILD_DIR;
  const built = await stat(join(buildDir, 'index.html')).then(
    (info) => info.isFile(),
    () => false,
  );
  const local = options.localRoutes === undefined ? undefined : getRequestListener(options.localRoutes.fetch);
  const server: Server = createServer((req, res) => {
    if (local !== undefined && (req.url ?? '').startsWith('/_local/')) {
      void local(req, res);
      return;
    }
    void (async () => {
      if (!built) {
        const html = placeholderPage(options.apiUrl, options.signInUrl);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
        res.end(html);
        return;
      }
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://web').pathname);
      const file = normalize(join(buildDir, path));
      const inside = file === buildDir || file.startsWith(`${buildDir}${sep}`);
      const isFile = inside && (await stat(file).then((info) => info.isFile(), () => false));
      const chosen = isFile ? file : join(buildDir, 'index.html');
      const body = await readFile(chosen);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(chosen)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    built,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

function placeholderPage(apiUrl: string, signInUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Serenya web console (not built)</title>
<style>body{font:16px system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}</style></head>
<body><h1>The web console is not built yet</h1>
<p>There is no <code>services/web/dist</code> in this checkout, so this page stands in for it. Once the
web console exists and is built, <code>npm run local</code> serves it here.</p>
<ul><li>API: <a href="${escapeHtml(apiUrl)}/openapi.json">${escapeHtml(apiUrl)}</a></li>
<li>Sign in as any test user: <a href="${escapeHtml(signInUrl)}">${escapeHtml(signInUrl)}</a></li></ul>
</body></html>`;
}
