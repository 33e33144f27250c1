import type { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpApiEvent, lambdaContext } from '#shared/testing/lambda-events.ts';
import { stubAuthHandlerEnvironment } from './testing/auth-handler-environment.ts';

// A file of its own: the logger's cold-start flag lives in its module instance, and this file's
// first invocation must be the first that instance sees. Modules are imported after the
// environment is stubbed, as Lambda sets it before any code runs (Powertools reports a cold
// start only when AWS_LAMBDA_INITIALIZATION_TYPE is on-demand).
type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number }>;

describe('auth Lambda logs', () => {
  let handler: Handler;
  let logger: Logger;
  beforeAll(async () => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    stubAuthHandlerEnvironment();
    ({ logger } = await import('#shared/observability/logger.ts'));
    ({ handler } = (await import('./handler.ts')) as unknown as { handler: Handler });
    // The test run silences logs (POWERTOOLS_LOG_LEVEL=SILENT); this file reads them.
    logger.setLogLevel('INFO');
  });
  afterAll(() => {
    logger.setLogLevel('SILENT');
    vi.unstubAllEnvs();
  });

  /** The JSON log lines written to stdout while `run` runs (EMF metric lines left out). */
  async function logLines(run: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    return written
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{') && !line.startsWith('{"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  const rejectedSignIn = (requestId: string) =>
    handler(
      // A body that fails its schema and carries an e-mail address beside it: the log must not repeat it.
      httpApiEvent('POST', '/auth/google', { body: { idToken: 5, email: 'jane.doe@example.com' }, requestId }),
      lambdaContext('serenya-auth'),
    );

  it('writes JSON lines with the request id, the Lambda context and the cold start, and no PHI', async () => {
    const first = await logLines(() => rejectedSignIn('apigw-request-cold'));
    const second = await logLines(() => rejectedSignIn('apigw-request-warm'));

    expect(first).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'request rejected: VALIDATION_ERROR',
        service: 'serenya',
        requestId: 'apigw-request-cold',
        cold_start: true,
        function_name: 'serenya-auth',
        function_request_id: 'lambda-1',
        code: 'VALIDATION_ERROR',
        status: 400,
      }),
    ]);
    expect(second).toEqual([expect.objectContaining({ requestId: 'apigw-request-warm', cold_start: false, function_name: 'serenya-auth' })]);
    expect(JSON.stringify([...first, ...second])).not.toContain('jane.doe');
  });
});
