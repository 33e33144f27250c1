/**
 * Maps whatever a Bedrock call throws to the project's error model, and decides from that what
 * counts against the `bedrock` circuit breaker.
 *
 * | thrown | HTTP from Bedrock | AppError code | status | category / recovery | breaker |
 * |---|---|---|---|---|---|
 * | ThrottlingException, ServiceQuotaExceededException | 429 / 400 | LLM_THROTTLED | 503 | external / retry | counts |
 * | ServiceUnavailableException, InternalServerException, ModelNotReadyException | 503 / 500 / 429 | LLM_UNAVAILABLE | 503 | external / retry | counts |
 * | network errors (ECONNREFUSED, ECONNRESET, ERR_HTTP2_…), any other 5xx | – | LLM_UNAVAILABLE | 503 | external / retry | counts |
 * | {@link CircuitOpenError} (breaker open, Bedrock not called) | – | LLM_UNAVAILABLE | 503 | external / retry | – |
 * | ModelTimeoutException, SDK `TimeoutError`, our deadline ({@link CallDeadlineError}) | 408 / – | UPSTREAM_TIMEOUT | 504 | external / retry | counts (¹) |
 * | ModelErrorException, ModelStreamErrorException, {@link IncompleteStreamError} | 424 | LLM_MODEL_ERROR | 502 | external / retry | counts |
 * | ValidationException, ConflictException, any other 4xx | 400 | LLM_REQUEST_INVALID | 500 | technical / escalate | no |
 * | AccessDeniedException, ResourceNotFoundException | 403 / 404 | LLM_ACCESS_DENIED | 500 | technical / escalate | no |
 * | {@link StreamCancelledError}, anything else | – | INTERNAL_ERROR | 500 | technical / escalate | no |
 *
 * (¹) A deadline that leaves no room to start the call fails before the breaker is asked, so it
 * does not count; one that expires during the call does.
 *
 * The rule behind the breaker column (BEDROCK.md §5.2): the breaker protects against Bedrock
 * being unhealthy, so exactly the errors whose category is `external` count. Errors in *our*
 * request or configuration (`technical`) would fail again whatever Bedrock's health, and must
 * not open the breaker for every other user. Throttling counts: after the SDK's adaptive retries
 * Bedrock is still refusing, and backing off for the open period is the point.
 *
 * Error names, not classes, are compared: exceptions inside an event stream arrive either as the
 * modeled class or, for `error` frames, as a plain Error named after the code (BEDROCK.md §2.10).
 *
 * @example
 * ```ts
 * try {
 *   await runtime.send(command);
 * } catch (error) {
 *   throw toLlmAppError(error); // e.g. AppError LLM_THROTTLED (503, external, retry)
 * }
 * ```
 * @module
 */
import { AppError, isAppError, type ErrorCode } from '../errors/index.ts';
import { CircuitOpenError, CircuitTimeoutError } from '../resilience/circuit-breaker.ts';
import { CallDeadlineError } from './call-deadline.ts';

/** Bedrock Runtime's modeled exceptions (SDK 3.1164, `models/errors.d.ts`) and what they become. */
const BY_EXCEPTION_NAME: Readonly<Record<string, ErrorCode>> = {
  ThrottlingException: 'LLM_THROTTLED',
  // Account quota (e.g. tokens per day): Bedrock says "resubmit your request later".
  ServiceQuotaExceededException: 'LLM_THROTTLED',
  ServiceUnavailableException: 'LLM_UNAVAILABLE',
  InternalServerException: 'LLM_UNAVAILABLE',
  // The model is being loaded; the SDK already retried it (modeled `$retryable`).
  ModelNotReadyException: 'LLM_UNAVAILABLE',
  ModelTimeoutException: 'UPSTREAM_TIMEOUT',
  // The SDK's own request timeout (@smithy/node-http-handler) and the DOMException of a timeout signal.
  TimeoutError: 'UPSTREAM_TIMEOUT',
  ModelErrorException: 'LLM_MODEL_ERROR',
  ModelStreamErrorException: 'LLM_MODEL_ERROR',
  IncompleteStreamError: 'LLM_MODEL_ERROR',
  ValidationException: 'LLM_REQUEST_INVALID',
  // Only async invocations conflict; reaching it means we called something we should not.
  ConflictException: 'LLM_REQUEST_INVALID',
  AccessDeniedException: 'LLM_ACCESS_DENIED',
  ResourceNotFoundException: 'LLM_ACCESS_DENIED',
};

/** Socket-level failures: the ones @smithy/service-error-classification treats as transient, plus DNS and HTTP/2. */
const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function codeForUnknown(error: SdkErrorShape): ErrorCode {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined && (NETWORK_ERROR_CODES.has(code) || code.startsWith('ERR_HTTP2_'))) return 'LLM_UNAVAILABLE';
  const status = typeof error.$metadata?.httpStatusCode === 'number' ? error.$metadata.httpStatusCode : undefined;
  // An exception the SDK does not model (BedrockRuntimeServiceException named after its code).
  if (status === 429) return 'LLM_THROTTLED';
  if (error.$fault === 'server' || (status !== undefined && status >= 500)) return 'LLM_UNAVAILABLE';
  if (error.$fault === 'client' || (status !== undefined && status >= 400)) return 'LLM_REQUEST_INVALID';
  return 'INTERNAL_ERROR';
}

/**
 * The error code for anything a Bedrock call threw (see the module table).
 *
 * @example
 * ```ts
 * llmErrorCode(new ThrottlingException({ message: 'slow down', $metadata: {} })); // 'LLM_THROTTLED'
 * ```
 */
export function llmErrorCode(error: unknown): ErrorCode {
  if (isAppError(error)) return error.code;
  if (error instanceof CircuitOpenError) return 'LLM_UNAVAILABLE';
  if (error instanceof CallDeadlineError || error instanceof CircuitTimeoutError) return 'UPSTREAM_TIMEOUT';
  if (typeof error !== 'object' || error === null) return 'INTERNAL_ERROR';
  const shape = error as SdkErrorShape;
  const byName = typeof shape.name === 'string' ? BY_EXCEPTION_NAME[shape.name] : undefined;
  return byName ?? codeForUnknown(shape);
}

/**
 * The {@link AppError} for anything a Bedrock call threw, with the original as `cause` (for the
 * logs). The public message is the catalog's: Bedrock's own messages can quote the request.
 *
 * @example
 * ```ts
 * toLlmAppError(new CircuitOpenError('bedrock')).code; // 'LLM_UNAVAILABLE'
 * ```
 */
export function toLlmAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError(llmErrorCode(error), { cause: error });
}

/**
 * Whether `error` says Bedrock is unhealthy, i.e. counts toward opening the `bedrock` breaker:
 * exactly the errors that map to an `external` code.
 *
 * @example
 * ```ts
 * isUpstreamFailure(new ThrottlingException({ message: '', $metadata: {} })); // true
 * isUpstreamFailure(new ValidationException({ message: '', $metadata: {} })); // false
 * ```
 */
export function isUpstreamFailure(error: unknown): boolean {
  return toLlmAppError(error).category === 'external';
}
