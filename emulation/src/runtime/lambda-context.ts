/**
 * The Lambda context object as the local runtime hands it to a handler: the fields Node.js
 * handlers read (request id, function name and ARN, memory, log names) and
 * `getRemainingTimeInMillis()`, counting down from the invocation's start to its timeout, as in
 * AWS. The callback-era members (`done`, `succeed`, `fail`) are left out on purpose:
 * `nodejs24.x` supports async handlers only.
 * @module
 */
import { randomUUID } from 'node:crypto';

/**
 * What a handler receives as its second argument (a subset of `aws-lambda`'s `Context`).
 *
 * @example
 * ```ts
 * const handler = async (event: unknown, context: LambdaContext) => context.getRemainingTimeInMillis();
 * ```
 */
export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  /** Milliseconds until the invocation's timeout; never negative. */
  getRemainingTimeInMillis(): number;
}

export interface LambdaContextOptions {
  functionName: string;
  /** The function's timeout in milliseconds. */
  timeoutMs: number;
  region?: string;
  accountId?: string;
  memoryLimitInMB?: number;
  /** `performance.now()` of the invocation's start; default: now. */
  startedAt?: number;
}

/**
 * A fresh context for one invocation.
 *
 * @example
 * ```ts
 * const context = createLambdaContext({ functionName: 'processor', timeoutMs: 180_000 });
 * context.getRemainingTimeInMillis(); // ≈ 180000
 * ```
 */
export function createLambdaContext(options: LambdaContextOptions): LambdaContext {
  const startedAt = options.startedAt ?? performance.now();
  const region = options.region ?? 'eu-west-1';
  const accountId = options.accountId ?? '123456789012';
  return {
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    callbackWaitsForEmptyEventLoop: true,
    // performance.now(), not Date.now(): a wall-clock change must not stretch or cut the budget.
    getRemainingTimeInMillis: () => Math.max(0, Math.round(startedAt + options.timeoutMs - performance.now())),
  };
}
