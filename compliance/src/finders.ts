/**
 * Finders for acknowledgements and checkov explanations whose target is not a fixed path.
 * @module
 */
import { Stack, type Stage } from 'aws-cdk-lib';
import { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IConstruct } from 'constructs';

/**
 * The stage's distribution, but only while it serves CloudFront's default certificate: once a
 * domain is configured the acknowledgement is no longer applied, the rule checks for real, and
 * the report lists the entry as unused until it is deleted.
 */
export function distributionOnDefaultCertificate(stage: Stage): IConstruct[] {
  return stage.node.findAll().filter((c): c is CfnDistribution => {
    if (!(c instanceof CfnDistribution)) return false;
    const config = Stack.of(c).resolve(c.distributionConfig) as { viewerCertificate?: { cloudFrontDefaultCertificate?: unknown } };
    return config.viewerCertificate === undefined || config.viewerCertificate.cloudFrontDefaultCertificate === true;
  });
}

/**
 * CDK core's custom-resource providers (cross-region exports, default security group lockdown):
 * raw `AWS::Lambda::Function` resources that CloudFormation invokes at deploy time only, at the
 * stack root under `Custom::<Name>CustomResourceProvider`. cdk-nag cannot see them (raw
 * CfnResource); checkov does.
 */
export const coreCustomResourceProviders = (stage: Stage): IConstruct[] =>
  stage.node
    .findAll()
    .filter((c) => Stack.isStack(c.node.scope) && c.node.id.startsWith('Custom::') && c.node.id.endsWith('CustomResourceProvider'));

