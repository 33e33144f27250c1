/**
 * A CloudFront distribution is associated with an AWS WAF web ACL (a WAFv2 ARN from the us-east-1
 * stack). It is the only place in front of the API where the managed rule groups (common,
 * known-bad-inputs, IP reputation) and the rate-based rule can run.
 * @module
 */
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { ProjectRule } from './project-rule.ts';

export const CloudFrontWebAcl: ProjectRule = {
  id: 'CloudFrontWebAcl',
  info: 'The CloudFront distribution has no AWS WAF web ACL - (Control IDs: 164.312(a)(1), 164.312(e)(1)).',
  explanation:
    'A web ACL filters known exploit payloads and abusive clients before they reach the functions that hold ePHI, and rate-limits the unauthenticated sign-in routes. An empty or missing WebACLId leaves the API reachable without any of it.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof CfnDistribution)) return NagRuleCompliance.NOT_APPLICABLE;
    const config = Stack.of(node).resolve(node.distributionConfig) as { webAclId?: unknown } | undefined;
    const webAclId = config?.webAclId;
    // A reference (Fn::GetAtt, Fn::ImportValue, an SSM-backed custom resource) resolves to an object: present.
    const present = webAclId !== undefined && webAclId !== null && webAclId !== '';
    return present ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
