/**
 * An API Gateway v2 (HTTP API) stage writes access logs to a log group, in a format that carries
 * the request id (the key that ties an access-log line to the services' audit rows).
 * cdk-nag's HIPAA pack does not look at HTTP APIs at all (its APIGW rules are REST-only).
 * @module
 */
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { ProjectRule } from './project-rule.ts';

interface AccessLogSettings {
  destinationArn?: unknown;
  format?: unknown;
}

/** The same test CDK's HttpStage applies to a literal format; a raw CfnStage skips CDK's check. */
const REQUEST_ID_VARIABLE = /\$context\.(?:requestId|extendedRequestId)\b/;

export const HttpApiStageAccessLogging: ProjectRule = {
  id: 'HttpApiStageAccessLogging',
  info: 'The HTTP API stage has no access log destination, or its log format lacks $context.requestId / extendedRequestId - (Control IDs: 164.312(b)).',
  explanation:
    'Every call to an API that serves ePHI must leave a record (who, what, when, outcome). Access logs are that record at the edge of the services; the request id links a log line to the audit row the service wrote.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof CfnStage)) return NagRuleCompliance.NOT_APPLICABLE;
    const settings = Stack.of(node).resolve(node.accessLogSettings) as AccessLogSettings | undefined;
    if (settings?.destinationArn === undefined || typeof settings.format !== 'string') return NagRuleCompliance.NON_COMPLIANT;
    return REQUEST_ID_VARIABLE.test(settings.format) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
