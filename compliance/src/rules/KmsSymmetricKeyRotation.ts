/**
 * A symmetric encryption KMS key has automatic rotation on. Asymmetric keys (the ES256 token
 * signing key) and HMAC keys are exempt: KMS cannot rotate them automatically, and rotating a
 * signing key is a key-set change done by publishing a new key in the JWKS.
 * @module
 */
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagMessageLevel, NagRuleCompliance, NagRules } from 'cdk-nag';
import type { ProjectRule } from './project-rule.ts';

const SYMMETRIC_DEFAULT = 'SYMMETRIC_DEFAULT';

export const KmsSymmetricKeyRotation: ProjectRule = {
  id: 'KmsSymmetricKeyRotation',
  info: 'The symmetric KMS key does not have automatic key rotation enabled - (Control IDs: 164.312(a)(2)(iv), 164.312(e)(2)(ii)).',
  explanation:
    'Rotation limits how much ePHI any one key version protects and is what auditors expect of data keys. KMS keeps old versions for decryption, so rotation never breaks reads.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const keySpec: unknown = Stack.of(node).resolve(node.keySpec);
    if (keySpec !== undefined && keySpec !== SYMMETRIC_DEFAULT) return NagRuleCompliance.NOT_APPLICABLE;
    // A token that does not resolve to a boolean cannot be proven on: resolveIfPrimitive throws and
    // cdk-nag reports the rule as failed to evaluate, which the gate treats as a finding.
    const rotation: unknown = NagRules.resolveIfPrimitive(node, node.enableKeyRotation);
    return rotation === true ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
