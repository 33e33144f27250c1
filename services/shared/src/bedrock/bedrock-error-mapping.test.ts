import {
  AccessDeniedException,
  BedrockRuntimeServiceException,
  ConflictException,
  InternalServerException,
  ModelErrorException,
  ModelNotReadyException,
  ModelStreamErrorException,
  ModelTimeoutException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCatalog, type ErrorCode } from '../errors/index.ts';
import { CircuitOpenError, CircuitTimeoutError } from '../resilience/circuit-breaker.ts';
import { isUpstreamFailure, llmErrorCode, toLlmAppError } from './bedrock-error-mapping.ts';
import { CallDeadlineError } from './call-deadline.ts';
import { IncompleteStreamError, StreamCancelledError } from './stream-errors.ts';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode, requestId: 'aws-req-1' } });

// Every modeled exception of @aws-sdk/client-bedrock-runtime 3.1164 (models/errors.d.ts), built
// the way the SDK's deserializer builds it.
const sdkCases: Array<[string, Error, ErrorCode]> = [
  ['ThrottlingException', new ThrottlingException({ message: 'Too many requests, please wait before trying again.', ...meta(429) }), 'LLM_THROTTLED'],
  ['ServiceQuotaExceededException', new ServiceQuotaExceededException({ message: 'quota', ...meta(400) }), 'LLM_THROTTLED'],
  ['ServiceUnavailableException', new ServiceUnavailableException({ message: 'Bedrock is unable to process your request.', ...meta(503) }), 'LLM_UNAVAILABLE'],
  ['InternalServerException', new InternalServerException({ message: 'internal', ...meta(500) }), 'LLM_UNAVAILABLE'],
  ['ModelNotReadyException', new ModelNotReadyException({ message: 'not ready', ...meta(429) }), 'LLM_UNAVAILABLE'],
  ['ModelTimeoutException', new ModelTimeoutException({ message: 'timeout', ...meta(408) }), 'UPSTREAM_TIMEOUT'],
  ['ModelErrorException', new ModelErrorException({ message: 'model error', originalStatusCode: 500, resourceName: 'x', ...meta(424) }), 'LLM_MODEL_ERROR'],
  ['ModelStreamErrorException', new ModelStreamErrorException({ message: 'stream', originalStatusCode: 500, originalMessage: 'x', ...meta(424) }), 'LLM_MODEL_ERROR'],
  ['ValidationException', new ValidationException({ message: 'Malformed input request: #: required key [max_tokens] not found', ...meta(400) }), 'LLM_REQUEST_INVALID'],
  ['ConflictException', new ConflictException({ message: 'conflict', ...meta(400) }), 'LLM_REQUEST_INVALID'],
  ['AccessDeniedException', new AccessDeniedException({ message: "You don't have access to the model with the specified model ID.", ...meta(403) }), 'LLM_ACCESS_DENIED'],
  ['ResourceNotFoundException', new ResourceNotFoundException({ message: 'end of life', ...meta(404) }), 'LLM_ACCESS_DENIED'],
];

describe('Bedrock error mapping', () => {
  it.each(sdkCases)('maps %s', (_name, error, code) => {
    const appError = toLlmAppError(error);
    expect(appError).toBeInstanceOf(AppError);
    expect(appError.code).toBe(code);
    expect(appError.cause).toBe(error);
    // The public message is the catalog's, never Bedrock's (which may quote the request).
    expect(appError.message).toBe(ErrorCatalog[code].message);
  });

  it('gives each code the status, category and recovery the catalog documents', () => {
    expect(ErrorCatalog.LLM_THROTTLED).toMatchObject({ status: 503, category: 'external', recovery: 'retry' });
    expect(ErrorCatalog.LLM_UNAVAILABLE).toMatchObject({ status: 503, category: 'external', recovery: 'retry' });
    expect(ErrorCatalog.UPSTREAM_TIMEOUT).toMatchObject({ status: 504, category: 'external', recovery: 'retry' });
    expect(ErrorCatalog.LLM_MODEL_ERROR).toMatchObject({ status: 502, category: 'external', recovery: 'retry' });
    expect(ErrorCatalog.LLM_REQUEST_INVALID).toMatchObject({ status: 500, category: 'technical', recovery: 'escalate' });
    expect(ErrorCatalog.LLM_ACCESS_DENIED).toMatchObject({ status: 500, category: 'technical', recovery: 'escalate' });
  });

  it('counts throttling, unavailability, timeouts and model errors toward the breaker, not our own mistakes', () => {
    const counted = sdkCases.filter(([, error]) => isUpstreamFailure(error)).map(([name]) => name);
    expect(counted).toEqual([
      'ThrottlingException',
      'ServiceQuotaExceededException',
      'ServiceUnavailableException',
      'InternalServerException',
      'ModelNotReadyException',
      'ModelTimeoutException',
      'ModelErrorException',
      'ModelStreamErrorException',
    ]);
  });

  it('maps the breaker and our deadline', () => {
    expect(llmErrorCode(new CircuitOpenError('bedrock'))).toBe('LLM_UNAVAILABLE');
    expect(llmErrorCode(new CallDeadlineError(27_000, true))).toBe('UPSTREAM_TIMEOUT');
    expect(llmErrorCode(new CallDeadlineError(500, false))).toBe('UPSTREAM_TIMEOUT');
    expect(llmErrorCode(new CircuitTimeoutError('bedrock', 1_000))).toBe('UPSTREAM_TIMEOUT');
    expect(isUpstreamFailure(new CallDeadlineError(27_000, true))).toBe(true);
  });

  it('maps stream endings: an incomplete stream is a model error, a cancelled one counts for nothing', () => {
    expect(llmErrorCode(new IncompleteStreamError())).toBe('LLM_MODEL_ERROR');
    expect(llmErrorCode(new StreamCancelledError())).toBe('INTERNAL_ERROR');
    expect(isUpstreamFailure(new StreamCancelledError())).toBe(false);
  });

  it('maps exceptions from event-stream `error` frames, which arrive as plain Errors named after the code', () => {
    const plain = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    expect(llmErrorCode(plain)).toBe('LLM_THROTTLED');
  });

  it('maps network failures and unmodeled service errors by code and status', () => {
    expect(llmErrorCode(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('LLM_UNAVAILABLE');
    expect(llmErrorCode(Object.assign(new Error('session'), { code: 'ERR_HTTP2_SESSION_ERROR' }))).toBe('LLM_UNAVAILABLE');
    expect(llmErrorCode(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }))).toBe('UPSTREAM_TIMEOUT');
    const unmodeled = (name: string, fault: 'client' | 'server', status: number) =>
      new BedrockRuntimeServiceException({ name, $fault: fault, message: name, ...meta(status) });
    expect(llmErrorCode(unmodeled('BadGateway', 'server', 502))).toBe('LLM_UNAVAILABLE');
    expect(llmErrorCode(unmodeled('TooManyThings', 'client', 429))).toBe('LLM_THROTTLED');
    expect(llmErrorCode(unmodeled('SomethingNew', 'client', 400))).toBe('LLM_REQUEST_INVALID');
    expect(isUpstreamFailure(unmodeled('BadGateway', 'server', 502))).toBe(true);
  });

  it('leaves bugs as INTERNAL_ERROR, uncounted, and passes AppErrors through', () => {
    expect(llmErrorCode(new TypeError('x is undefined'))).toBe('INTERNAL_ERROR');
    expect(llmErrorCode('a string')).toBe('INTERNAL_ERROR');
    expect(isUpstreamFailure(new TypeError('x'))).toBe(false);
    const appError = new AppError('LLM_THROTTLED');
    expect(toLlmAppError(appError)).toBe(appError);
  });
});
