/**
 * The Bedrock Runtime exceptions the mock can answer with, and how each is put on the wire so
 * that the unmodified SDKs raise the right class.
 *
 * The JS SDK finds the class from the `x-amzn-errortype` header (cut at `:`), else the body's
 * `code`/`__type`; boto3 from the same header. The real service sends the header in its Coral
 * form (`ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/`), so do we,
 * plus `{"message": …}` in the body. Inside event streams an exception is an event-stream
 * message of type `exception` whose `:exception-type` is the lower-camel union member name.
 * @see /work/shared/docs/BEDROCK.md §2.11, §2.10
 * @module
 */

/** Every exception name the mock can return or inject. */
export const BEDROCK_ERROR_TYPES = [
  'ValidationException',
  'AccessDeniedException',
  'ResourceNotFoundException',
  'ModelTimeoutException',
  'ModelErrorException',
  'ModelStreamErrorException',
  'ThrottlingException',
  'ModelNotReadyException',
  'ServiceQuotaExceededException',
  'InternalServerException',
  'ServiceUnavailableException',
] as const;
export type BedrockErrorType = (typeof BEDROCK_ERROR_TYPES)[number];

interface ErrorSpec {
  status: number;
  /** What the real service says when it has nothing more specific (BEDROCK.md §2.11). */
  defaultMessage: string;
}

/** Status codes and default texts, from the service model and observed responses. */
export const ERROR_SPECS: Readonly<Record<BedrockErrorType, ErrorSpec>> = {
  ValidationException: { status: 400, defaultMessage: 'Malformed input request, please reformat your input and try again.' },
  AccessDeniedException: { status: 403, defaultMessage: "You don't have access to the model with the specified model ID." },
  ResourceNotFoundException: { status: 404, defaultMessage: 'The requested resource could not be found.' },
  ModelTimeoutException: { status: 408, defaultMessage: 'Model has timed out in processing the request. Try your request again.' },
  ModelErrorException: { status: 424, defaultMessage: 'The model encountered an error processing the request.' },
  ModelStreamErrorException: { status: 424, defaultMessage: 'The model encountered an error while streaming the response.' },
  ThrottlingException: { status: 429, defaultMessage: 'Too many requests, please wait before trying again.' },
  ModelNotReadyException: { status: 429, defaultMessage: 'The model is not ready to serve inference requests. Try again later.' },
  ServiceQuotaExceededException: { status: 400, defaultMessage: 'Your request exceeds the service quota for your account.' },
  InternalServerException: { status: 500, defaultMessage: 'The server encountered an internal error. Try your request again.' },
  ServiceUnavailableException: { status: 503, defaultMessage: 'Bedrock is unable to process your request.' },
};

/**
 * Exceptions modeled as members of each stream's event union. Only these can arrive mid-stream
 * as `:message-type: exception`; the SDK raises their classes. ModelTimeoutException is a
 * member of InvokeModelWithResponseStream's union only.
 */
export const STREAM_EXCEPTION_MEMBERS = {
  ConverseStream: [
    'InternalServerException',
    'ModelStreamErrorException',
    'ValidationException',
    'ThrottlingException',
    'ServiceUnavailableException',
  ],
  InvokeModelWithResponseStream: [
    'InternalServerException',
    'ModelStreamErrorException',
    'ValidationException',
    'ThrottlingException',
    'ModelTimeoutException',
    'ServiceUnavailableException',
  ],
} as const satisfies Record<string, readonly BedrockErrorType[]>;

/** The coral namespace the real service appends to `x-amzn-errortype`. */
const CORAL_SUFFIX = ':http://internal.amazon.com/coral/com.amazon.bedrock/';

/**
 * An error the mock answers with instead of a model response. Thrown anywhere below the
 * router, turned into bytes by {@link errorResponse} or {@link errorEventBody}.
 *
 * @example
 * ```ts
 * throw new BedrockError('ValidationException', 'The provided model identifier is invalid.');
 * ```
 */
export class BedrockError extends Error {
  readonly type: BedrockErrorType;
  /** Extra members of the body, e.g. `originalStatusCode` of ModelErrorException. */
  readonly extra: Readonly<Record<string, unknown>>;
  /** True when fault injection, not the request, caused it (counted apart in the stats). */
  readonly injected: boolean;

  constructor(type: BedrockErrorType, message?: string, options: { extra?: Record<string, unknown>; injected?: boolean } = {}) {
    super(message ?? ERROR_SPECS[type].defaultMessage);
    this.name = type;
    this.type = type;
    this.extra = options.extra ?? defaultExtra(type);
    this.injected = options.injected ?? false;
  }

  get status(): number {
    return ERROR_SPECS[this.type].status;
  }
}

/** ModelErrorException and ModelStreamErrorException carry the model's own status. */
function defaultExtra(type: BedrockErrorType): Record<string, unknown> {
  if (type === 'ModelErrorException') return { originalStatusCode: 500, resourceName: 'anthropic' };
  if (type === 'ModelStreamErrorException') return { originalStatusCode: 500, originalMessage: 'Internal server error' };
  return {};
}

/**
 * Status, headers and body of an HTTP error answer.
 *
 * @example
 * ```ts
 * const { status, headers, body } = errorResponse(new BedrockError('ThrottlingException'), requestId);
 * res.writeHead(status, headers).end(body);
 * ```
 */
export function errorResponse(
  error: BedrockError,
  requestId: string,
): { status: number; headers: Record<string, string>; body: string } {
  const body = JSON.stringify({ message: error.message, ...error.extra });
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': `${error.type}${CORAL_SUFFIX}`,
    },
    body,
  };
}

/**
 * The lower-camel union member name used as `:exception-type` inside event streams.
 *
 * @example
 * ```ts
 * exceptionMemberName('ThrottlingException'); // 'throttlingException'
 * ```
 */
export function exceptionMemberName(type: BedrockErrorType): string {
  return type.charAt(0).toLowerCase() + type.slice(1);
}

/**
 * The JSON payload of an exception event.
 *
 * @example
 * ```ts
 * errorEventBody(new BedrockError('ModelStreamErrorException')); // { message: '…', originalStatusCode: 500, originalMessage: '…' }
 * ```
 */
export function errorEventBody(error: BedrockError): Record<string, unknown> {
  return { message: error.message, ...error.extra };
}
