import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '#shared/db/database-unavailable.ts';
import { AppError, type ErrorCode } from '#shared/errors/index.ts';
import { CircuitOpenError } from '#shared/resilience/circuit-breaker.ts';
import { DocumentMissingError } from './document-store.ts';
import { decideFailure } from './failure-decision.ts';

describe('decideFailure', () => {
  it.each<ErrorCode>(['LLM_THROTTLED', 'LLM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'LLM_MODEL_ERROR'])('redelivers %s (Bedrock may recover)', (code) => {
    expect(decideFailure(new AppError(code))).toEqual({ kind: 'retry', code });
  });

  it('redelivers while the database is unavailable', () => {
    expect(decideFailure(new DatabaseUnavailableError(new Error('ECONNREFUSED')))).toEqual({ kind: 'retry', code: 'SERVICE_UNAVAILABLE' });
    expect(decideFailure(new CircuitOpenError('database'))).toEqual({ kind: 'retry', code: 'SERVICE_UNAVAILABLE' });
  });

  it('redelivers what it does not know (bounded by the queue)', () => {
    expect(decideFailure(new Error('socket hang up'))).toEqual({ kind: 'retry', code: 'INTERNAL_ERROR' });
    expect(decideFailure(new AppError('INTERNAL_ERROR'))).toEqual({ kind: 'retry', code: 'INTERNAL_ERROR' });
  });

  it('fails the job at once for what no redelivery changes', () => {
    expect(decideFailure(new AppError('DOCUMENT_UNREADABLE'))).toEqual({ kind: 'fail', code: 'DOCUMENT_UNREADABLE', retryable: false });
    expect(decideFailure(new AppError('INTERPRETATION_INVALID'))).toEqual({ kind: 'fail', code: 'INTERPRETATION_INVALID', retryable: false });
    expect(decideFailure(new DocumentMissingError())).toEqual({ kind: 'fail', code: 'PROCESSING_FAILED', retryable: false });
  });

  it('keeps our own mistakes (request rejected, model access denied) retryable by the user after a fix', () => {
    expect(decideFailure(new AppError('LLM_REQUEST_INVALID'))).toEqual({ kind: 'fail', code: 'PROCESSING_FAILED', retryable: true });
    expect(decideFailure(new AppError('LLM_ACCESS_DENIED'))).toEqual({ kind: 'fail', code: 'PROCESSING_FAILED', retryable: true });
  });
});
