import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalFunctionDefinition } from './function-definition.ts';
import { isEmfLine, type FunctionLogLine } from './function-log.ts';
import { createLocalFunction, type InvocationRecord, type LocalFunction } from './local-function.ts';

const handlers = fileURLToPath(new URL('../testing/fixtures/handlers.ts', import.meta.url));
const running: LocalFunction[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((fn) => fn.stop()));
});

function start(overrides: Partial<LocalFunctionDefinition> & { handlerName: string }) {
  const lines: FunctionLogLine[] = [];
  const records: InvocationRecord[] = [];
  const fn = createLocalFunction({
    definition: {
      logicalId: 'Fixture',
      functionName: 'fixture',
      arn: 'arn:aws:lambda:eu-west-1:123456789012:function:fixture',
      entryPath: handlers,
      timeoutMs: 10_000,
      memoryMb: 256,
      reservedConcurrency: undefined,
      logGroupName: '/aws/lambda/fixture',
      environment: { QUEUE_URL: 'http://queue' },
      ...overrides,
    },
    region: 'eu-west-1',
    accountId: '123456789012',
    onLogLine: (line) => lines.push(line),
    onInvocation: (record) => records.push(record),
  });
  running.push(fn);
  return { fn, lines, records };
}

describe('createLocalFunction', () => {
  it('runs the handler in a worker with the environment and a Lambda context, warm after the first call', async () => {
    const { fn, lines, records } = start({ handlerName: 'echo' });
    const first = await fn.invoke({ hello: 1 });
    const second = await fn.invoke({ hello: 2 });

    expect(first.outcome).toBe('success');
    expect(first.payload).toMatchObject({
      event: { hello: 1 },
      invocations: 1,
      context: { awsRequestId: first.requestId, functionName: 'fixture', memoryLimitInMB: '256', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:fixture' },
      env: { AWS_LAMBDA_FUNCTION_NAME: 'fixture', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256', AWS_REGION: 'eu-west-1', QUEUE_URL: 'http://queue' },
    });
    const seen = first.payload as { context: { logStreamName: string }; env: { AWS_LAMBDA_LOG_STREAM_NAME: string } };
    expect(seen.context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(seen.context.logStreamName).toBe(seen.env.AWS_LAMBDA_LOG_STREAM_NAME);
    const remaining = (first.payload as { context: { remainingMs: number } }).context.remainingMs;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(10_000);
    expect(first.initDurationMs).toBeGreaterThan(0);
    expect(second.initDurationMs).toBeUndefined();
    expect(second.payload).toMatchObject({ invocations: 2, environmentId: (first.payload as { environmentId: string }).environmentId });
    expect(fn.environmentCount()).toBe(1);
    expect(records.map((record) => [record.coldStart, record.outcome, record.concurrentExecutions])).toEqual([
      [true, 'success', 1],
      [false, 'success', 1],
    ]);

    // Output arrives through the worker's stdout stream, after the result: wait for it.
    await expect.poll(() => lines.filter(isEmfLine).length).toBe(2);
    const text = lines.find((line) => line.text === `echo ${first.requestId}`);
    expect(text).toMatchObject({ functionName: 'fixture', requestId: first.requestId, stream: 'stdout', level: 'INFO' });
    await expect.poll(() => lines.some((line) => line.stream === 'stderr' && line.level === 'ERROR' && line.text === 'to stderr')).toBe(true);
    const report = lines.find((line) => line.text.startsWith(`REPORT RequestId: ${first.requestId}`));
    expect(report?.text).toMatch(/Duration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/);
  });

  it('cuts an invocation at its timeout, reports it as Lambda does, and starts a fresh environment next time', async () => {
    const { fn, records, lines } = start({ handlerName: 'sleeper', timeoutMs: 1_000 });
    const warm = await fn.invoke({ sleepMs: 0 });
    const cut = await fn.invoke({});
    expect(cut).toMatchObject({ outcome: 'timeout', error: { errorType: 'Sandbox.Timedout', errorMessage: `${cut.requestId} Task timed out after 1.00 seconds` } });
    expect(records.at(-1)).toMatchObject({ timedOut: true, error: true });
    expect(lines.some((line) => line.text.includes('Status: timeout'))).toBe(true);

    const next = await fn.invoke({ sleepMs: 0 });
    expect(next.outcome).toBe('success');
    expect(next.initDurationMs).toBeDefined();
    expect((next.payload as { environmentId: string }).environmentId).not.toBe((warm.payload as { environmentId: string }).environmentId);
    expect(fn.environmentCount()).toBe(1);
  });

  it('pre-warms environments so the first invocation is warm', async () => {
    const { fn, records } = start({ handlerName: 'echo' });
    expect(await fn.prewarm(2)).toEqual([]);
    expect(fn.environmentCount()).toBe(2);
    const result = await fn.invoke({});
    expect(result.initDurationMs).toBeUndefined();
    expect(records[0]?.coldStart).toBe(false);
    const broken = start({ handlerName: 'nothing' });
    expect(await broken.fn.prewarm()).toEqual([expect.objectContaining({ errorType: 'Runtime.HandlerNotFound' })]);
    expect(broken.fn.environmentCount()).toBe(0);
  });

  it('throttles invocations past reserved concurrency', async () => {
    const { fn, records } = start({ handlerName: 'sleeper', reservedConcurrency: 1 });
    const first = fn.invoke({ sleepMs: 500 });
    await expect.poll(() => fn.concurrentExecutions()).toBe(1);
    const second = await fn.invoke({ sleepMs: 0 });
    expect(second).toMatchObject({ outcome: 'throttled', error: { errorType: 'TooManyRequestsException' } });
    expect((await first).outcome).toBe('success');
    expect(records.filter((record) => record.throttled)).toHaveLength(1);
    const none = start({ handlerName: 'echo', reservedConcurrency: 0 });
    expect((await none.fn.invoke({})).outcome).toBe('throttled');
  });

  it("reports the handler's error, keeps the environment, and refuses oversized payloads", async () => {
    const { fn } = start({ handlerName: 'fail' });
    const failed = await fn.invoke({});
    expect(failed).toMatchObject({ outcome: 'error', error: { errorType: 'ValidationFailed', errorMessage: 'the input was wrong' } });
    expect(fn.environmentCount()).toBe(1);
    const tooLarge = await fn.invoke({ blob: 'x'.repeat(6 * 1024 * 1024) });
    expect(tooLarge).toMatchObject({ outcome: 'request-too-large', error: { errorType: 'RequestEntityTooLargeException' } });
  });

  it('reports a worker that exits as Runtime.ExitError and replaces its environment', async () => {
    const { fn } = start({ handlerName: 'crash' });
    expect(await fn.invoke({})).toMatchObject({ outcome: 'error', error: { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with error: exit status 3' } });
    expect(fn.environmentCount()).toBe(0);
    expect((await fn.invoke({})).initDurationMs).toBeDefined();
  });

  it('starts a fresh environment when an idle one died between invocations', async () => {
    const { fn, lines } = start({ handlerName: 'crashLater' });
    const first = await fn.invoke({});
    await expect.poll(() => fn.environmentCount()).toBe(0);
    expect(lines.some((line) => line.stream === 'platform' && line.text.startsWith('Runtime.ExitError: Runtime exited with error: thrown after the invocation'))).toBe(true);
    const second = await fn.invoke({});
    expect(second.outcome).toBe('success');
    expect((second.payload as { environmentId: string }).environmentId).not.toBe((first.payload as { environmentId: string }).environmentId);
  });

  it('ends an environment whose heap outgrows the memory size as Runtime.OutOfMemory', async () => {
    const { fn } = start({ handlerName: 'exhaustMemory', memoryMb: 64 });
    expect(await fn.invoke({})).toMatchObject({ outcome: 'error', error: { errorType: 'Runtime.OutOfMemory' } });
    expect(fn.environmentCount()).toBe(0);
  });

  it('reports a missing export and a module that does not load as init errors', async () => {
    const missing = start({ handlerName: 'nothing' });
    expect(await missing.fn.invoke({})).toMatchObject({ outcome: 'error', error: { errorType: 'Runtime.HandlerNotFound' } });
    const broken = start({ handlerName: 'handler', entryPath: '/nowhere/handler.ts' });
    expect(await broken.fn.invoke({})).toMatchObject({ outcome: 'error', error: { errorType: 'Runtime.ImportModuleError' } });
    expect(broken.fn.environmentCount()).toBe(0);
  });
});
