import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { findingIdsOf, fixtureStack } from '../testing/project-findings.ts';

describe('Serenya-LogGroupEncryptedWithRetention', { timeout: 30_000 }, () => {
  it('passes a KMS-encrypted group with a retention period', () => {
    const stack = fixtureStack();
    new LogGroup(stack, 'Logs', { encryptionKey: new Key(stack, 'Key', { enableKeyRotation: true }), retention: RetentionDays.ONE_YEAR });
    expect(findingIdsOf(stack, 'LogGroupEncryptedWithRetention')).toEqual([]);
  });

  it('raises one granular finding per missing part', () => {
    const stack = fixtureStack();
    new LogGroup(stack, 'Logs', { retention: RetentionDays.INFINITE });
    expect(findingIdsOf(stack, 'LogGroupEncryptedWithRetention').sort()).toEqual([
      'Serenya-LogGroupEncryptedWithRetention[Encryption]',
      'Serenya-LogGroupEncryptedWithRetention[Retention]',
    ]);
  });

  it('flags only the encryption of an unencrypted group with a retention period', () => {
    const stack = fixtureStack();
    new LogGroup(stack, 'Logs', { retention: RetentionDays.ONE_MONTH });
    expect(findingIdsOf(stack, 'LogGroupEncryptedWithRetention')).toEqual(['Serenya-LogGroupEncryptedWithRetention[Encryption]']);
  });
});
