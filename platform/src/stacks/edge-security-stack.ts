/**
 * The us-east-1 stack of a stage: what CloudFront requires to live in us-east-1. The WAFv2 web
 * ACL (scope CLOUDFRONT) with AWS's common, known-bad-inputs and IP-reputation rule groups and a
 * per-IP rate rule, logging to an `aws-waf-logs-…` group encrypted with a key of this region;
 * and, when the stage has a custom domain, the ACM certificate of the distribution.
 * The main stack reads the ACL's and the certificate's ARNs through cross-region references.
 *
 * @example
 * ```ts
 * const edge = new EdgeSecurityStack(stage, 'EdgeSecurity', { env: { region: 'us-east-1' }, crossRegionReferences: true, config });
 * distribution.webAclId = edge.webAcl.attrArn;
 * ```
 * @module
 */
import { ArnFormat, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { admitCloudWatchLogs, keyAlias } from '../constructs/keys/serenya-keys.ts';
import { logRetention } from '../log-retention.ts';
import type { StageConfig } from '../stage-config.ts';

/** The AWS managed rule groups on the web ACL, in evaluation order. */
const MANAGED_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

export interface EdgeSecurityStackProps extends StackProps {
  readonly config: StageConfig;
}

export class EdgeSecurityStack extends Stack {
  readonly webAcl: CfnWebACL;
  readonly certificate: Certificate | undefined;

  constructor(scope: Construct, id: string, props: EdgeSecurityStackProps) {
    super(scope, id, props);
    const { config } = props;
    const name = `serenya-${config.stage}`;

    const managed = MANAGED_RULE_GROUPS.map(
      (group, index): CfnWebACL.RuleProperty => ({
        name: group,
        priority: index,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: group,
            // The common set blocks bodies over 8 KB; document uploads are up to 4.5 MB. Counted
            // instead; the API's own limits (4.5 MB upload, 64 KB JSON) still apply.
            ...(group === 'AWSManagedRulesCommonRuleSet' ? { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] } : {}),
          },
        },
        visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: `${name}-${group}` },
      }),
    );
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${name}-edge`,
      description: `Serenya ${config.stage}: CloudFront in front of the API and the web console`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: `${name}-edge` },
      rules: [
        ...managed,
        {
          name: 'RateLimitPerIp',
          priority: managed.length,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: config.wafRateLimitPer5Minutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: `${name}-rate-limit` },
        },
      ],
    });

    const logsKey = new Key(this, 'WafLogsKey', {
      alias: keyAlias(config.stage, 'waf-logs'),
      description: `Serenya ${config.stage}: WAF logs (us-east-1)`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    admitCloudWatchLogs(logsKey);
    // WAF requires the `aws-waf-logs-` prefix on a log group destination.
    const logGroupName = `aws-waf-logs-${name}`;
    const logGroup = new LogGroup(this, 'WafLogs', { logGroupName, encryptionKey: logsKey, retention: logRetention(config.logRetentionDays), removalPolicy: RemovalPolicy.RETAIN });
    const logging = new CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the group ARN without the ":*" CloudFormation's Arn attribute ends with.
      logDestinationConfigs: [this.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: 'cookie' } }],
    });
    logging.node.addDependency(logGroup);

    if (config.domain) {
      const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: config.domain.hostedZoneId, zoneName: config.domain.zoneName });
      this.certificate = new Certificate(this, 'Certificate', {
        domainName: config.domain.webDomain,
        subjectAlternativeNames: [config.domain.apiDomain],
        validation: CertificateValidation.fromDns(zone),
      });
    }
  }
}
