/**
 * A CloudWatch Logs group is encrypted with a customer KMS key and has a retention period. The
 * two parts are separate findings (`[Encryption]`, `[Retention]`), so a reasoned exception for
 * one never hides the other.
 * @module
 */
import { type CfnResource } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagMessageLevel, NagRuleCompliance, NagRules, type NagRuleFindings } from 'cdk-nag';
import type { ProjectRule } from './project-rule.ts';

export const LogGroupEncryptedWithRetention: ProjectRule = {
  id: 'LogGroupEncryptedWithRetention',
  info: 'The log group is not encrypted with a KMS key ([Encryption]) or keeps its events forever ([Retention]) - (Control IDs: 164.312(a)(2)(iv), 164.312(b)).',
  explanation:
    'Function and access logs can hold identifiers and fragments of ePHI despite redaction, so they need the same at-rest encryption as the data. Audit logs must be kept for a defined period and then go; CDK renders "retain forever" as no RetentionInDays at all.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof CfnLogGroup)) return NagRuleCompliance.NOT_APPLICABLE;
    const findings: NagRuleFindings = [];
    if (node.kmsKeyId === undefined) findings.push('Encryption');
    const retention: unknown = NagRules.resolveIfPrimitive(node, node.retentionInDays);
    if (typeof retention !== 'number' || retention <= 0) findings.push('Retention');
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
};
