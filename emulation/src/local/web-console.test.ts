import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebConsole } from './web-console.ts';

let buildDir: string;
beforeAll(async () => {
  buildDir = await mkdtemp(join(tmpdir(), 'serenya-web-'));
  await mkdir(join(buildDir, 'assets'));
  await writeFile(join(buildDir, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(buildDir, 'assets', 'app.js'), 'console.log(1)');
});
afterAll(() => rm(buildDir, { recursive: true, force: true }));

describe('startWebConsole', () => {
  it('serves a built console: its files, index.html for app routes, nothing outside the build', async () => {
    const web = await startWebConsole({ apiUrl: 'http://127.0.0.1:1', signInUrl: 'http://127.0.0.1:2/dev/sign-in', buildDir });
    try {
      expect(web.built).toBe(true);
      const script = await fetch(`${web.url}/assets/app.js`);
      expect(script.headers.get('content-type')).toContain('text/javascript');
      expect(await script.text()).toBe('console.log(1)');
      expect(await (await fetch(`${web.url}/results/42`)).text()).toContain('<title>console</title>');
      expect(await (await fetch(`${web.url}/..%2f..%2f..%2fetc%2fpasswd`)).text()).toContain('<title>console</title>');
    } finally {
      await web.stop();
    }
  });

  it('serves a placeholder naming the API and sign-in page when nothing is built, and /_local/* from the given routes', async () => {
    const local = new Hono().get('/_local/alarms', (context) => context.json({ counts: { OK: 1 } }));
    const web = await startWebConsole({ apiUrl: 'http://127.0.0.1:1', signInUrl: 'http://127.0.0.1:2/dev/sign-in', buildDir: join(buildDir, 'absent'), localRoutes: local });
    try {
      expect(web.built).toBe(false);
      const page = await (await fetch(web.url)).text();
      expect(page).toContain('The web console is not built yet');
      expect(page).toContain('http://127.0.0.1:2/dev/sign-in');
      expect(await (await fetch(`${web.url}/_local/alarms`)).json()).toEqual({ counts: { OK: 1 } });
    } finally {
      await web.stop();
    }
  });
});
