/**
 * One function as Lambda runs it: a pool of execution environments (one per concurrent
 * execution, reused warm, newest-idle first), capped by reserved concurrency (or the account's
 * unreserved limit) with excess invocations throttled, the timeout enforced by terminating the
 * environment, and START/END/REPORT lines and an {@link InvocationRecord} per invocation.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { createExecutionEnvironment, type EnvironmentOutcome, type ExecutionEnvironment, type ResponseStreamSink } from './execution-environment.ts';
import type { LocalFunctionDefinition } from './function-definition.ts';
import { toFunctionLogLine, type FunctionLogLine } from './function-log.ts';
import type { FunctionErrorPayload } from './worker-protocol.ts';

/** Lambda's synchronous invocation payload limit, request and response (6 MB). */
const SYNC_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;
/** The account's unreserved concurrency, the cap of a function without reserved concurrency. */
const UNRESERVED_CONCURRENCY_LIMIT = 1000;
/** Lambda's init phase limit. */
const INIT_TIMEOUT_MS = 10_000;

export type InvocationOutcome = 'success' | 'error' | 'timeout' | 'throttled' | 'request-too-large' | 'response-too-large';

/** What an invocation returned, in the terms of Lambda's Invoke API. */
export interface InvocationResult {
  readonly requestId: string;
  readonly functionName: string;
  readonly outcome: InvocationOutcome;
  /** The handler's return value (JSON round-tripped, as Lambda does); undefined on failure or when streamed. */
  readonly payload?: unknown;
  /** True when the response went to the caller's stream. */
  readonly streamed?: boolean;
  /** Lambda's error (`errorType` `Sandbox.Timedout`, `TooManyRequestsException`, the handler's error name…). */
  readonly error?: FunctionErrorPayload;
  readonly durationMs: number;
  /** Set on a cold start: the environment's init phase. */
  readonly initDurationMs?: number;
}

/** Per invocation, for AWS/Lambda metrics: Invocations, Errors, Duration, Throttles, ConcurrentExecutions. */
export interface InvocationRecord {
  readonly functionName: string;
  readonly logicalId: string;
  readonly requestId: string;
  readonly outcome: InvocationOutcome;
  readonly error: boolean;
  readonly throttled: boolean;
  readonly timedOut: boolean;
  readonly coldStart: boolean;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly initDurationMs: number | undefined;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number | undefined;
  /** Executions of this function running when it started, itself included. */
  readonly concurrentExecutions: number;
  readonly endedEpochMs: number;
}

export interface LocalFunctionOptions {
  readonly definition: LocalFunctionDefinition;
  readonly region: string;
  readonly accountId: string;
  /** Variables every worker gets besides the function's (PATH…); the function's win. */
  readonly baseEnvironment?: Readonly<Record<string, string>>;
  readonly onLogLine?: (line: FunctionLogLine) => void;
  readonly onInvocation?: (record: InvocationRecord) => void;
}

export interface InvokeOptions {
  readonly requestId?: string;
  /** Take a streaming handler's response as it comes (RESPONSE_STREAM); otherwise it is buffered. */
  readonly stream?: ResponseStreamSink;
}

export interface LocalFunction {
  readonly definition: LocalFunctionDefinition;
  invoke(event: unknown, options?: InvokeOptions): Promise<InvocationResult>;
  /** Executions running now. */
  concurrentExecutions(): number;
  /** Environments alive (busy or idle). */
  environmentCount(): number;
  /**
   * Initialises environments ahead of traffic until `count` are idle (like provisioned
   * concurrency): their first invocations are warm. Resolves with the init errors, if any.
   */
  prewarm(count?: number): Promise<FunctionErrorPayload[]>;
  /** Terminates every environment; invocations in flight end as errors. */
  stop(): Promise<void>;
}

export function createLocalFunction(options: LocalFunctionOptions): LocalFunction {
  const { definition } = options;
  const limit = definition.reservedConcurrency ?? UNRESERVED_CONCURRENCY_LIMIT;
  const idle: ExecutionEnvironment[] = [];
  const all = new Set<ExecutionEnvironment>();
  let busy = 0;
  let stopped = false;
  let sequence = 0;
  const logStream = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]`;
  // Every environment's variables but its log stream, built once per function.
  const variables = {
    ...options.baseEnvironment,
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: definition.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: definition.logGroupName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    ...definition.environment,
  };

  function log(text: string, stream: FunctionLogLine['stream'], requestId: string | undefined): void {
    options.onLogLine?.(toFunctionLogLine(text, stream, { functionName: definition.functionName, logicalId: definition.logicalId, requestId }));
  }

  function newEnvironment(): ExecutionEnvironment {
    sequence += 1;
    const environmentId = `${definition.functionName}#${String(sequence)}`;
    const environment: ExecutionEnvironment = createExecutionEnvironment({
      onIdleExit: (error) => {
        // A crash after the handler returned (a late throw): gone before the next invocation.
        if (stopped || !all.delete(environment)) return;
        const at = idle.indexOf(environment);
        if (at !== -1) idle.splice(at, 1);
        log(`${error.errorType}: ${error.errorMessage} (environment ${environmentId}, idle)`, 'platform', undefined);
      },
      id: environmentId,
      init: { entryPath: definition.entryPath, handlerName: definition.handlerName },
      environment: { ...variables, AWS_LAMBDA_LOG_STREAM_NAME: `${logStream}${randomUUID().replaceAll('-', '')}` },
      memoryMb: definition.memoryMb,
      initTimeoutMs: INIT_TIMEOUT_MS,
      onOutput: (line, stream, requestId) => log(line, stream, requestId),
    });
    return environment;
  }

  function finish(record: Omit<InvocationRecord, 'billedDurationMs' | 'endedEpochMs' | 'memorySizeMb' | 'functionName' | 'logicalId'>): InvocationRecord {
    const full: InvocationRecord = {
      ...record,
      functionName: definition.functionName,
      logicalId: definition.logicalId,
      memorySizeMb: definition.memoryMb,
      billedDurationMs: Math.ceil(record.durationMs + (record.initDurationMs ?? 0)),
      endedEpochMs: Date.now(),
    };
    options.onInvocation?.(full);
    return full;
  }

  function reportLine(record: InvocationRecord, status: string | undefined): string {
    const parts = [
      `REPORT RequestId: ${record.requestId}`,
      `Duration: ${record.durationMs.toFixed(2)} ms`,
      `Billed Duration: ${String(record.billedDurationMs)} ms`,
      `Memory Size: ${String(record.memorySizeMb)} MB`,
    ];
    if (record.maxMemoryUsedMb !== undefined) parts.push(`Max Memory Used: ${String(record.maxMemoryUsedMb)} MB`);
    if (record.initDurationMs !== undefined) parts.push(`Init Duration: ${record.initDurationMs.toFixed(2)} ms`);
    if (status !== undefined) parts.push(`Status: ${status}`);
    return parts.join('\t');
  }

  async function invoke(event: unknown, invokeOptions: InvokeOptions = {}): Promise<InvocationResult> {
    const requestId = invokeOptions.requestId ?? randomUUID();
    const base = { requestId, functionName: definition.functionName };
    // Serialised once: measured here, parsed in the worker (Lambda's event is JSON too).
    const eventJson = JSON.stringify(event ?? null);
    const requestBytes = Buffer.byteLength(eventJson);
    if (requestBytes > SYNC_PAYLOAD_LIMIT_BYTES) {
      const error = { errorType: 'RequestEntityTooLargeException', errorMessage: `${String(requestBytes)} byte payload is too large for the RequestResponse invocation type (limit ${String(SYNC_PAYLOAD_LIMIT_BYTES)} bytes)` };
      finish({ requestId, outcome: 'request-too-large', error: true, throttled: false, timedOut: false, coldStart: false, durationMs: 0, initDurationMs: undefined, maxMemoryUsedMb: undefined, concurrentExecutions: busy });
      return { ...base, outcome: 'request-too-large', error, durationMs: 0 };
    }
    if (stopped || busy >= limit) {
      finish({ requestId, outcome: 'throttled', error: false, throttled: true, timedOut: false, coldStart: false, durationMs: 0, initDurationMs: undefined, maxMemoryUsedMb: undefined, concurrentExecutions: busy });
      return { ...base, outcome: 'throttled', error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' }, durationMs: 0 };
    }
    busy += 1;
    const concurrentExecutions = busy;
    let environment = idle.pop();
    // One that died a moment ago may not have been removed yet: Lambda would start a fresh one.
    while (environment?.isDead() === true) {
      all.delete(environment);
      environment = idle.pop();
    }
    const coldStart = environment === undefined;
    if (environment === undefined) {
      environment = newEnvironment();
      all.add(environment);
      log(`INIT_START Runtime Version: nodejs:24.v-local\tEnvironment: ${environment.id}`, 'platform', requestId);
    }
    log(`START RequestId: ${requestId} Version: $LATEST`, 'platform', requestId);
    const started = performance.now();
    let outcome: EnvironmentOutcome;
    try {
      outcome = await environment.invoke({
        requestId,
        eventJson,
        timeoutMs: definition.timeoutMs,
        invokedFunctionArn: definition.arn,
        ...(invokeOptions.stream === undefined ? {} : { stream: invokeOptions.stream }),
      });
    } finally {
      busy -= 1;
    }
    const initDurationMs = coldStart ? environment.initDurationMs() : undefined;
    // The init phase ran inside environment.invoke on a cold start; Duration is the handler's part.
    const durationMs = Math.max(0, performance.now() - started - (initDurationMs ?? 0));
    if (environment.isDead()) all.delete(environment);
    else if (!stopped) idle.push(environment);

    const heapBytes = 'heapBytes' in outcome ? outcome.heapBytes : undefined;
    const maxMemoryUsedMb = heapBytes === undefined ? undefined : Math.ceil(heapBytes / (1024 * 1024));
    let result: InvocationResult;
    let status: string | undefined;
    switch (outcome.kind) {
      case 'result': {
        const size = Buffer.byteLength(outcome.payloadJson);
        if (size > SYNC_PAYLOAD_LIMIT_BYTES) {
          result = { ...base, outcome: 'response-too-large', durationMs, error: { errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size (${String(size)} bytes) exceeded maximum allowed payload size (${String(SYNC_PAYLOAD_LIMIT_BYTES)} bytes).` } };
          status = 'error';
        } else {
          result = { ...base, outcome: 'success', durationMs, payload: JSON.parse(outcome.payloadJson) as unknown };
        }
        break;
      }
      case 'streamed':
        result = { ...base, outcome: 'success', durationMs, streamed: true };
        break;
      case 'error':
        result = { ...base, outcome: 'error', durationMs, error: outcome.error };
        log(JSON.stringify({ timestamp: new Date().toISOString(), level: 'ERROR', requestId, message: { errorType: outcome.error.errorType, errorMessage: outcome.error.errorMessage, stackTrace: outcome.error.stackTrace } }), 'stderr', requestId);
        break;
      case 'timeout':
        result = { ...base, outcome: 'timeout', durationMs, error: { errorType: 'Sandbox.Timedout', errorMessage: `${requestId} Task timed out after ${(definition.timeoutMs / 1000).toFixed(2)} seconds` } };
        log(`${new Date().toISOString()} ${requestId} Task timed out after ${(definition.timeoutMs / 1000).toFixed(2)} seconds`, 'platform', requestId);
        status = 'timeout';
        break;
      case 'init-error':
      case 'crash':
        result = { ...base, outcome: 'error', durationMs, error: outcome.error };
        log(`${outcome.error.errorType}: ${outcome.error.errorMessage}`, 'platform', requestId);
        status = 'error';
        break;
    }
    const record = finish({
      requestId,
      outcome: result.outcome,
      error: result.outcome !== 'success',
      throttled: false,
      timedOut: result.outcome === 'timeout',
      coldStart,
      durationMs,
      initDurationMs,
      maxMemoryUsedMb,
      concurrentExecutions,
    });
    log(`END RequestId: ${requestId}`, 'platform', requestId);
    log(reportLine(record, status), 'platform', requestId);
    return initDurationMs === undefined ? result : { ...result, initDurationMs };
  }

  async function prewarm(count = 1): Promise<FunctionErrorPayload[]> {
    const wanted = Math.max(0, Math.min(count, limit) - idle.length);
    const errors: FunctionErrorPayload[] = [];
    await Promise.all(
      Array.from({ length: wanted }, async () => {
        const environment = newEnvironment();
        all.add(environment);
        log(`INIT_START Runtime Version: nodejs:24.v-local\tEnvironment: ${environment.id} (pre-warmed)`, 'platform', undefined);
        const initialised = await environment.init();
        if (!initialised.ok) {
          all.delete(environment);
          errors.push(initialised.error);
          log(`${initialised.error.errorType}: ${initialised.error.errorMessage}`, 'platform', undefined);
        } else if (!stopped) {
          idle.push(environment);
        }
      }),
    );
    return errors;
  }

  return {
    definition,
    invoke,
    prewarm,
    concurrentExecutions: () => busy,
    environmentCount: () => all.size,
    async stop() {
      stopped = true;
      const environments = [...all];
      all.clear();
      idle.length = 0;
      await Promise.all(environments.map((environment) => environment.terminate()));
    },
  };
}
