import { describe, expect, it } from 'vitest';
import { classifyKmsFailures } from './kms-failure-tracking.ts';

function awsError(name: string, status?: number, fault?: 'client' | 'server'): Error {
  return Object.assign(new Error(name), { name, $fault: fault, $metadata: status === undefined ? undefined : { httpStatusCode: status } });
}

describe('classifyKmsFailures', () => {
  it('is none when KMS never failed (the SDK refused the message itself)', () => {
    expect(classifyKmsFailures([])).toEqual({ kind: 'none' });
  });

  it('treats InvalidCiphertextException and IncorrectKeyException as a bad ciphertext', () => {
    expect(classifyKmsFailures([awsError('InvalidCiphertextException', 400, 'client')])).toEqual({ kind: 'ciphertext' });
    expect(classifyKmsFailures([awsError('IncorrectKeyException', 400, 'client')])).toEqual({ kind: 'ciphertext' });
  });

  it('treats throttling, server faults and network errors as a retryable service failure', () => {
    expect(classifyKmsFailures([awsError('ThrottlingException', 400, 'client')])).toEqual({ kind: 'service', retryable: true });
    expect(classifyKmsFailures([awsError('KMSInternalException', 500, 'server')])).toEqual({ kind: 'service', retryable: true });
    expect(classifyKmsFailures([Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })])).toEqual({ kind: 'service', retryable: true });
  });

  it('treats access denied and a disabled key as a service failure that retrying will not fix', () => {
    expect(classifyKmsFailures([awsError('AccessDeniedException', 400, 'client')])).toEqual({ kind: 'service', retryable: false });
    expect(classifyKmsFailures([awsError('DisabledException', 400, 'client')])).toEqual({ kind: 'service', retryable: false });
  });
});
