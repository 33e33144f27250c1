/**
 * Every error code a Serenya API can answer with, in one table: its HTTP status, category,
 * recovery strategy and default public message. Codes are a public contract: add, never rename.
 * @module
 */
import type { ErrorCategory, RecoveryStrategy } from './app-error.ts';

export interface ErrorSpec {
  status: number;
  category: ErrorCategory;
  recovery: RecoveryStrategy;
  message: string;
}

export const ErrorCatalog = {
  VALIDATION_ERROR: { status: 400, category: 'validation', recovery: 'ignore', message: 'The request is not valid' },
  UNAUTHORIZED: { status: 401, category: 'validation', recovery: 'ignore', message: 'A valid access token is required' },
  INVALID_GOOGLE_TOKEN: { status: 401, category: 'validation', recovery: 'ignore', message: 'The Google ID token is not valid' },
  INVALID_REFRESH_TOKEN: { status: 401, category: 'validation', recovery: 'ignore', message: 'The refresh token is not valid or has expired' },
  REFRESH_TOKEN_REUSED: { status: 401, category: 'business', recovery: 'escalate', message: 'The refresh token was already used; the session has been revoked' },
  EMAIL_NOT_VERIFIED: { status: 403, category: 'business', recovery: 'ignore', message: 'The Google account e-mail address is not verified' },
  NOT_FOUND: { status: 404, category: 'validation', recovery: 'ignore', message: 'Not found' },
  PAYLOAD_TOO_LARGE: { status: 413, category: 'validation', recovery: 'ignore', message: 'The request body is too large' },
  FILE_TOO_LARGE: { status: 413, category: 'validation', recovery: 'ignore', message: 'The file is larger than 4.5 MB' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, category: 'validation', recovery: 'ignore', message: 'Only PDF, JPEG and PNG files are accepted' },
  QUOTA_EXCEEDED: { status: 429, category: 'business', recovery: 'ignore', message: "This month's quota of your plan is used up" },
  JOB_NOT_RETRYABLE: { status: 409, category: 'business', recovery: 'ignore', message: 'Only a failed, retryable job whose document is still stored can be retried' },
  // Job failure codes (stored on the job, shown in GET /jobs/{id}); never a model's or document's text.
  DOCUMENT_UNREADABLE: { status: 422, category: 'validation', recovery: 'ignore', message: 'The document could not be read as a lab report' },
  INTERPRETATION_INVALID: { status: 502, category: 'external', recovery: 'escalate', message: 'The interpretation did not pass validation twice' },
  PROCESSING_FAILED: { status: 500, category: 'technical', recovery: 'retry', message: 'Processing failed after several attempts; you can retry' },
  /** The upload was answered 503 before its document was stored: nothing to process, not counted against the quota. */
  UPLOAD_FAILED: { status: 503, category: 'technical', recovery: 'retry', message: 'The document could not be stored; upload it again' },
  INTERNAL_ERROR: { status: 500, category: 'technical', recovery: 'escalate', message: 'An unexpected error occurred' },
  SERVICE_UNAVAILABLE: { status: 503, category: 'technical', recovery: 'retry', message: 'The service is temporarily unavailable; try again shortly' },
  UPSTREAM_UNAVAILABLE: { status: 503, category: 'external', recovery: 'retry', message: 'A service we depend on is unavailable; try again shortly' },
  /**
   * A dependency did not answer within our deadline (derived from the Lambda's remaining time),
   * or Bedrock's ModelTimeoutException. 504, not 503: the request may have been valid and slow.
   */
  UPSTREAM_TIMEOUT: { status: 504, category: 'external', recovery: 'retry', message: 'A service we depend on did not answer in time; try again' },
  // The language model (Claude on Bedrock); mapping in services/shared/src/bedrock/bedrock-error-mapping.ts.
  /**
   * Bedrock throttled us (ThrottlingException, ServiceQuotaExceededException) after the SDK's own
   * retries. 503 with Retry-After rather than 429: the caller did nothing wrong, our shared
   * upstream capacity ran out; 429 stays the meaning of "you, the client, send too much".
   */
  LLM_THROTTLED: { status: 503, category: 'external', recovery: 'retry', message: 'The language model is busy; try again shortly' },
  /** Bedrock is down (ServiceUnavailable, InternalServer, ModelNotReady, network) or its breaker is open. */
  LLM_UNAVAILABLE: { status: 503, category: 'external', recovery: 'retry', message: 'The language model is temporarily unavailable; try again shortly' },
  /** The model failed while answering (ModelErrorException, ModelStreamErrorException): a bad gateway answer. */
  LLM_MODEL_ERROR: { status: 502, category: 'external', recovery: 'retry', message: 'The language model failed to answer; try again' },
  /**
   * Bedrock rejected our request (ValidationException, ConflictException): our prompt, model
   * parameters or document are wrong, which no retry fixes. Public message generic (a 500).
   */
  LLM_REQUEST_INVALID: { status: 500, category: 'technical', recovery: 'escalate', message: 'An unexpected error occurred' },
  /** AccessDeniedException or ResourceNotFoundException: model access or model id misconfigured. */
  LLM_ACCESS_DENIED: { status: 500, category: 'technical', recovery: 'escalate', message: 'An unexpected error occurred' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ErrorCatalog;
