import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

/** Runs `npm run local`'s entry point as a user would and talks to what it prints. */
describe('npm run local', () => {
  let child: ChildProcess | undefined;
  let output = '';
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)), timeoutMs);
      const check = () => {
        const match = output.match(pattern);
        if (match) {
          clearTimeout(timer);
          resolve(match);
        }
      };
      child?.stdout?.on('data', check);
      check();
    });

  it('starts everything, prints a ready banner, serves sign-in, and cleans up on SIGINT', async () => {
    child = spawn(process.execPath, ['emulation/src/cli.ts', '--port', '0'], { env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await waitFor(/serenya local is ready in \d+ ms/, 45_000);
    const api = output.match(/API \(auth service\)\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    const idTokenUrl = output.match(/Google sign-in\s+POST (http:\/\/127\.0\.0\.1:\d+\/dev\/id-token)/)?.[1];
    expect(api).toBeDefined();
    expect(idTokenUrl).toBeDefined();

    const { idToken } = (await (await fetch(idTokenUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'local@example.test' }) })).json()) as { idToken: string };
    const signIn = await fetch(`${api}/auth/google`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idToken }) });
    expect(signIn.status).toBe(200);
    const session = (await signIn.json()) as { accessToken: string; user: { email: string } };
    expect(session.user.email).toBe('local@example.test');
    // Signed by the key in the emulated KMS and published by the JWKS endpoint.
    const jwks = (await (await fetch(`${api}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    const kid = (JSON.parse(Buffer.from(session.accessToken.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
    expect(jwks.keys.map((k) => k.kid)).toEqual([kid]);

    // The Bedrock mock is up and the cost table exists in the emulated DynamoDB.
    const bedrock = output.match(/Bedrock Runtime mock\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    expect((await fetch(`${bedrock}/_mock/stats`)).status).toBe(200);
    const moto = output.match(/AWS emulator \(moto\)\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    const describe = await fetch(moto!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.DescribeTable', authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x' },
      body: JSON.stringify({ TableName: 'serenya-llm-cost-tracking' }),
    });
    expect(((await describe.json()) as { Table: { GlobalSecondaryIndexes: Array<{ IndexName: string }> } }).Table.GlobalSecondaryIndexes[0]?.IndexName).toBe('monthly-usage-index');

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped; the local data was removed');
  });

  it('prints usage for --help and rejects a bad port', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const p = spawn(process.execPath, ['emulation/src/cli.ts', ...args]);
        let out = '';
        p.stdout.on('data', (c: Buffer) => (out += c.toString()));
        p.stderr.on('data', (c: Buffer) => (out += c.toString()));
        p.on('exit', (code) => resolve({ code, out }));
      });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm run local');
    const bad = await run(['--port', 'abc']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("--port must be a port number, not 'abc'");
  });
});
