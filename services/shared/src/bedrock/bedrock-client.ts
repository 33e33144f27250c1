/**
 * The services' one way to call Claude on Amazon Bedrock: Converse and ConverseStream through
 * the shared Bedrock Runtime client, with a deadline from the Lambda's remaining time, the
 * `bedrock` circuit breaker, typed errors and cost tracking on every call.
 *
 * Per call:
 * 1. The model is the configured one for the `documentType` (documents: Haiku 4.5, chat: Sonnet
 *    4.6; BEDROCK.md §3.2) unless the request names another priced model; `maxTokens` is capped
 *    at the configured maximum, since output tokens dominate the cost.
 * 2. The budget is `min(BEDROCK_TIMEOUT_MS, remainingTime − margin)` (see call-deadline.ts); a
 *    budget too small to be useful fails at once with 504 UPSTREAM_TIMEOUT, Bedrock uncalled.
 * 3. The call runs inside the `bedrock` breaker (BreakerPolicies.bedrock: 3 failures in 120 s
 *    open it for 45 s, 2 successful trials close it). The SDK's adaptive retries (3 attempts)
 *    happen inside one breaker call, so one call is one logical attempt (BEDROCK.md §5.2). Only
 *    upstream failures count (see bedrock-error-mapping.ts).
 * 4. Errors become {@link AppError}s (LLM_THROTTLED, LLM_UNAVAILABLE, UPSTREAM_TIMEOUT, …).
 * 5. Usage comes from the response body (`usage`, or the stream's `metadata` event: the SDK does
 *    not expose the token headers, BEDROCK.md §2.6); the cost in cents is recorded to DynamoDB
 *    and the `Serenya/LLM` metrics before the result is returned. A failed cost write never
 *    fails the call (cost-recorder.ts), and neither does a slow one: the write may use at most
 *    the Lambda's remaining time less half of `BEDROCK_DEADLINE_MARGIN_MS` (the other half is
 *    left for the response and the caller's own writes), then it is aborted, logged and counted.
 *
 * A stream is one breaker call from request to its last event: a throttle or model error in the
 * middle of the stream counts like one before it. The stream is read to its end by this module
 * whatever the consumer does, since the usage arrives last; a consumer that stops early aborts
 * the call instead, and then no usage is known and no cost is recorded.
 *
 * @example
 * ```ts
 * const bedrock = createBedrockClient({ runtime: bedrockRuntimeClient(), config: bedrockConfig(), costRecorder });
 * const ctx = { userId, documentType: 'chat', requestId, remainingTimeMs: () => lambda.getRemainingTimeInMillis() } as const;
 *
 * const { text, costCents } = await bedrock.converse({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }, ctx);
 *
 * const stream = await bedrock.converseStream({ messages }, ctx); // throws AppError before the first byte
 * for await (const delta of stream) send(delta);
 * const { usage } = await stream.result;
 * ```
 * @module
 */
import {
  ConverseCommand,
  ConverseStreamCommand,
  type BedrockRuntimeClient,
  type ContentBlock,
  type ConverseCommandInput,
  type ConverseCommandOutput,
  type ConverseStreamOutput,
  type StopReason,
  type TokenUsage,
} from '@aws-sdk/client-bedrock-runtime';
import type { BedrockConfig } from '../config/bedrock-config.ts';
import type { LlmUsageEvent } from '../cost/cost-record.ts';
import type { CostRecorder } from '../cost/cost-recorder.ts';
import { AppError } from '../errors/index.ts';
import { logger } from '../observability/logger.ts';
import { BreakerPolicies } from '../resilience/breaker-policies.ts';
import { CircuitBreaker, type BreakerPolicy } from '../resilience/circuit-breaker.ts';
import { isUpstreamFailure, toLlmAppError } from './bedrock-error-mapping.ts';
import { callBudgetMs, CallDeadlineError, startDeadline, type Deadline } from './call-deadline.ts';
import { costInCents, usageFromBedrock, type TokenCounts } from './cost.ts';
import { DeltaQueue } from './delta-queue.ts';
import { LLM_PROVIDER, type LlmCallContext } from './llm-call-context.ts';
import { priceFor, type ModelPrice } from './price-table.ts';
import { IncompleteStreamError, StreamCancelledError } from './stream-errors.ts';
import { untilAborted } from './until-aborted.ts';

/** What the client needs of the SDK client: `send` (a real `BedrockRuntimeClient` in production). */
export type BedrockRuntime = Pick<BedrockRuntimeClient, 'send'>;

/**
 * A Converse request without the model (chosen by `documentType`) or with a priced one.
 *
 * @example
 * ```ts
 * const request: LlmConverseRequest = { system: [{ text: SYSTEM }], messages, inferenceConfig: { temperature: 0 } };
 * ```
 */
export type LlmConverseRequest = Omit<ConverseCommandInput, 'modelId'> & { modelId?: string };

/**
 * What every finished call reports.
 *
 * @example
 * ```ts
 * const { text, usage, costCents } = await bedrock.converse(request, ctx);
 * ```
 */
export interface LlmCallResult {
  modelId: string;
  /** The answer's text blocks, joined. */
  text: string;
  stopReason: StopReason | undefined;
  usage: TokenCounts;
  /** US cents, unrounded. */
  costCents: number;
  /** From sending the request to the last byte (stream) or the response (converse). */
  processingTimeMs: number;
}

/**
 * A Converse result; `output` is the SDK's response, e.g. for tool-use blocks.
 *
 * @example
 * ```ts
 * const toolUse = result.output.output?.message?.content?.find((block) => block.toolUse)?.toolUse;
 * ```
 */
export interface LlmConverseResult extends LlmCallResult {
  output: ConverseCommandOutput;
}

/**
 * An open ConverseStream: iterate it for the text deltas (once); `result` settles after the
 * stream ended and its cost was recorded. Iteration and `result` reject with the same AppError
 * when the call fails mid-stream; after the consumer left the loop early, `result` rejects with
 * {@link StreamCancelledError}.
 *
 * @example
 * ```ts
 * for await (const delta of stream) res.write(delta);
 * const { costCents } = await stream.result;
 * ```
 */
export interface LlmTextStream extends AsyncIterable<string> {
  readonly result: Promise<LlmCallResult>;
}

/**
 * The Bedrock client of the services (see the module description).
 *
 * @example
 * ```ts
 * const result = await bedrock.converse(request, ctx);
 * bedrock.breaker.state; // 'closed'
 * ```
 */
export interface BedrockClient {
  /** One Converse call; rejects with an {@link AppError}. */
  converse(request: LlmConverseRequest, ctx: LlmCallContext): Promise<LlmConverseResult>;
  /** Opens a ConverseStream; rejects with an {@link AppError} when it cannot be opened. */
  converseStream(request: LlmConverseRequest, ctx: LlmCallContext): Promise<LlmTextStream>;
  /** The `bedrock` breaker (state, and `shutdown()` in tests). */
  readonly breaker: CircuitBreaker<[BedrockJob], unknown>;
}

/** One logical Bedrock call, run inside the breaker. */
export type BedrockJob = () => Promise<unknown>;

export interface BedrockClientOptions {
  runtime: BedrockRuntime;
  config: BedrockConfig;
  costRecorder: CostRecorder;
  /** Default: `BreakerPolicies.bedrock`. */
  breakerPolicy?: BreakerPolicy;
}

interface PreparedCall {
  modelId: string;
  price: ModelPrice;
  input: ConverseCommandInput;
  budgetMs: number;
}

interface CallOutcome {
  text: string;
  stopReason: StopReason | undefined;
  usage: TokenUsage | undefined;
}

/** Exception members of the stream union; the SDK normally throws them itself (BEDROCK.md §2.10). */
const STREAM_EXCEPTIONS = [
  ['internalServerException', 'InternalServerException'],
  ['modelStreamErrorException', 'ModelStreamErrorException'],
  ['validationException', 'ValidationException'],
  ['throttlingException', 'ThrottlingException'],
  ['serviceUnavailableException', 'ServiceUnavailableException'],
] as const;

function streamException(event: ConverseStreamOutput): Error | undefined {
  for (const [member, name] of STREAM_EXCEPTIONS) {
    // Widened on purpose: a defensive check of what the SDK types say is always an Error.
    const value = event[member] as unknown;
    if (value === undefined) continue;
    if (value instanceof Error) return value;
    const message = typeof value === 'object' && value !== null && 'message' in value ? value.message : undefined;
    return Object.assign(new Error(typeof message === 'string' ? message : name), { name });
  }
  return undefined;
}

function textOf(content: ContentBlock[] | undefined): string {
  return (content ?? []).map((block) => block.text ?? '').join('');
}

/** An abort is ours: the deadline (counts as a timeout) or the consumer leaving (counts as nothing). */
function classifyAbort(error: unknown, deadline: Deadline, cancelled?: AbortSignal): unknown {
  if (cancelled?.aborted === true) return new StreamCancelledError({ cause: error });
  if (deadline.expired()) return new CallDeadlineError(deadline.budgetMs, true, { cause: error });
  return error;
}

async function readStream(
  stream: AsyncIterable<ConverseStreamOutput> | undefined,
  signal: AbortSignal,
  onText: (text: string) => void,
): Promise<CallOutcome> {
  if (stream === undefined) throw new IncompleteStreamError();
  const outcome: CallOutcome = { text: '', stopReason: undefined, usage: undefined };
  let sawMetadata = false;
  for await (const event of untilAborted(stream, signal)) {
    const exception = streamException(event);
    if (exception) throw exception;
    const text = event.contentBlockDelta?.delta?.text;
    if (text !== undefined && text !== '') {
      outcome.text += text;
      onText(text);
    } else if (event.messageStop) {
      outcome.stopReason = event.messageStop.stopReason;
    } else if (event.metadata) {
      outcome.usage = event.metadata.usage;
      sawMetadata = true;
    }
  }
  if (!sawMetadata) throw new IncompleteStreamError();
  return outcome;
}

/**
 * Creates the client. Create one per process (module scope, see `bedrockClient()`), so the
 * breaker's state survives across invocations of a warm Lambda container.
 *
 * @example
 * ```ts
 * const bedrock = createBedrockClient({
 *   runtime: createBedrockRuntimeClient(),
 *   config: readBedrockConfig(),
 *   costRecorder: createCostRecorder({ documentClient, tableName, ttlDays: 365 }),
 * });
 * ```
 */
export function createBedrockClient(options: BedrockClientOptions): BedrockClient {
  const { runtime, config, costRecorder } = options;
  const breaker = new CircuitBreaker<[BedrockJob], unknown>({
    service: 'bedrock',
    policy: options.breakerPolicy ?? BreakerPolicies.bedrock,
    action: (job) => job(),
    isFailure: isUpstreamFailure,
  });
  // The breaker is shared by calls of different result types; each job's type is its own.
  const guarded = <T>(job: () => Promise<T>): Promise<T> => breaker.fire(job) as Promise<T>;

  function fail(error: unknown, modelId: string | undefined, ctx: LlmCallContext): AppError {
    const appError = toLlmAppError(error);
    // Names and ids only: Bedrock's messages can quote the request, which may hold PHI.
    logger.warn('bedrock call failed', {
      code: appError.code,
      errorName: error instanceof Error ? error.name : typeof error,
      requestId: ctx.requestId,
      documentType: ctx.documentType,
      modelId,
      breaker: breaker.state,
    });
    return appError;
  }

  function prepare(request: LlmConverseRequest, ctx: LlmCallContext): PreparedCall {
    const chat = ctx.documentType === 'chat';
    const modelId = request.modelId ?? (chat ? config.chatModelId : config.documentModelId);
    try {
      const price = priceFor(modelId);
      // Never call a model whose cost we cannot track (config already refuses one at start).
      if (price === undefined) throw new AppError('LLM_REQUEST_INVALID', { cause: new Error(`model ${modelId} is not in the price table`) });
      const cap = chat ? config.maxOutputTokensChat : config.maxOutputTokensDocument;
      const maxTokens = Math.min(request.inferenceConfig?.maxTokens ?? cap, cap);
      const budgetMs = callBudgetMs(config, ctx.remainingTimeMs);
      return { modelId, price, budgetMs, input: { ...request, modelId, inferenceConfig: { ...request.inferenceConfig, maxTokens } } };
    } catch (error) {
      throw fail(error, modelId, ctx);
    }
  }

  async function settle(call: PreparedCall, ctx: LlmCallContext, startedAt: number, outcome: CallOutcome): Promise<LlmCallResult> {
    const usage = usageFromBedrock(outcome.usage);
    const costCents = costInCents(usage, call.price);
    const processingTimeMs = Math.round(performance.now() - startedAt);
    const event: LlmUsageEvent = {
      userId: ctx.userId,
      requestId: ctx.requestId,
      documentType: ctx.documentType,
      provider: LLM_PROVIDER,
      modelId: call.modelId,
      usage,
      costCents,
      processingTimeMs,
    };
    const remainingMs = ctx.remainingTimeMs?.();
    const recordOptions = remainingMs !== undefined && Number.isFinite(remainingMs) ? { timeoutMs: Math.floor(remainingMs - config.deadlineMarginMs / 2) } : undefined;
    try {
      await costRecorder.record(event, recordOptions);
    } catch (error) {
      // The recorder promises not to reject; an injected one might. The answer still goes out.
      logger.error('cost recorder rejected', { requestId: ctx.requestId, errorName: error instanceof Error ? error.name : typeof error });
    }
    return { modelId: call.modelId, text: outcome.text, stopReason: outcome.stopReason, usage, costCents, processingTimeMs };
  }

  async function converse(request: LlmConverseRequest, ctx: LlmCallContext): Promise<LlmConverseResult> {
    const call = prepare(request, ctx);
    const deadline = startDeadline(call.budgetMs);
    const startedAt = performance.now();
    let output: ConverseCommandOutput;
    try {
      output = await guarded(async () => {
        try {
          return await runtime.send(new ConverseCommand(call.input), { abortSignal: deadline.signal });
        } catch (error) {
          throw classifyAbort(error, deadline);
        }
      });
    } catch (error) {
      throw fail(error, call.modelId, ctx);
    } finally {
      deadline.clear();
    }
    const result = await settle(call, ctx, startedAt, {
      text: textOf(output.output?.message?.content),
      stopReason: output.stopReason,
      usage: output.usage,
    });
    return { ...result, output };
  }

  async function converseStream(request: LlmConverseRequest, ctx: LlmCallContext): Promise<LlmTextStream> {
    const call = prepare(request, ctx);
    const deadline = startDeadline(call.budgetMs);
    const cancel = new AbortController();
    const signal = AbortSignal.any([deadline.signal, cancel.signal]);
    const deltas = new DeltaQueue<string>();
    const opened = Promise.withResolvers<void>();
    const startedAt = performance.now();

    const consumed = guarded(async () => {
      try {
        const response = await runtime.send(new ConverseStreamCommand(call.input), { abortSignal: signal });
        opened.resolve();
        return await readStream(response.stream, signal, (text) => deltas.push(text));
      } catch (error) {
        throw classifyAbort(error, deadline, cancel.signal);
      }
    });
    const result = consumed
      .then(
        (outcome) => {
          // The consumer's loop ends now; `result` follows once the cost is recorded.
          deltas.end();
          return settle(call, ctx, startedAt, outcome);
        },
        (error: unknown) => {
          const failure = error instanceof StreamCancelledError ? error : fail(error, call.modelId, ctx);
          deltas.fail(failure);
          throw failure;
        },
      )
      .finally(() => deadline.clear());
    // A caller that only iterates sees a failure there; `result` must not crash the process as unhandled.
    result.catch(() => undefined);

    // Resolves when Bedrock accepted the request, rejects (mapped) when it did not.
    await Promise.race([opened.promise, result]);
    return {
      result,
      async *[Symbol.asyncIterator]() {
        let completed = false;
        try {
          for await (const text of deltas) yield text;
          completed = true;
        } finally {
          if (!completed) cancel.abort(new StreamCancelledError());
        }
      },
    };
  }

  return { converse, converseStream, breaker };
}
