/**
 * An API Gateway v2 (HTTP API) stage throttles every route by default: both a steady rate and a
 * burst limit above zero. Without them one client can exhaust the functions' reserved concurrency
 * and lock everyone else out (availability of ePHI), and the pre-auth routes are open to
 * credential-stuffing bursts.
 * @module
 */
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { ProjectRule } from './project-rule.ts';

interface RouteSettings {
  throttlingBurstLimit?: unknown;
  throttlingRateLimit?: unknown;
}

const isPositiveNumber = (value: unknown): boolean => typeof value === 'number' && value > 0;

export const HttpApiStageThrottling: ProjectRule = {
  id: 'HttpApiStageThrottling',
  info: 'The HTTP API stage has no default route throttling (rate and burst limits above zero).',
  explanation:
    'Stage-wide throttling bounds what one caller can cost and protects the sign-in and refresh routes, which cannot sit behind the JWT authorizer, from bursts. API Gateway applies no per-stage limit unless one is set (only the account-wide quota).',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof CfnStage)) return NagRuleCompliance.NOT_APPLICABLE;
    const settings = Stack.of(node).resolve(node.defaultRouteSettings) as RouteSettings | undefined;
    return isPositiveNumber(settings?.throttlingRateLimit) && isPositiveNumber(settings?.throttlingBurstLimit)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
};
