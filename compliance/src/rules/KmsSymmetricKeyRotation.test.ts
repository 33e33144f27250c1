import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { findingIdsOf, fixtureStack } from '../testing/project-findings.ts';

describe('Serenya-KmsSymmetricKeyRotation', { timeout: 30_000 }, () => {
  it('passes a symmetric key with rotation on', () => {
    const stack = fixtureStack();
    new Key(stack, 'Data', { enableKeyRotation: true });
    expect(findingIdsOf(stack, 'KmsSymmetricKeyRotation')).toEqual([]);
  });

  it('flags a symmetric key without rotation', () => {
    const stack = fixtureStack();
    new Key(stack, 'Data');
    expect(findingIdsOf(stack, 'KmsSymmetricKeyRotation')).toEqual(['Serenya-KmsSymmetricKeyRotation']);
  });

  it('exempts an asymmetric signing key, which KMS cannot rotate', () => {
    const stack = fixtureStack();
    new Key(stack, 'TokenSigning', { keySpec: KeySpec.ECC_NIST_P256, keyUsage: KeyUsage.SIGN_VERIFY });
    expect(findingIdsOf(stack, 'KmsSymmetricKeyRotation')).toEqual([]);
  });
});
