/**
 * Targets for acknowledgements and checkov explanations: the service functions by construct id,
 * and finders for targets that are not a fixed path.
 * @module
 */
import { Stack, type Stage } from 'aws-cdk-lib';
import { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IConstruct } from 'constructs';
import { servesDefaultCertificate } from './rules/CloudFrontViewerTls12.ts';

/** The functions behind the HTTP API (ChatStream: its function URL), by construct id under `Serenya/Functions`. */
export const API_FUNCTIONS = ['Auth', 'Documents', 'Chat', 'ChatStream', 'Content'] as const;
/** Every service function: the API ones, the queue-fed processor and the scheduled sweeper. */
export const ALL_FUNCTIONS = [...API_FUNCTIONS, 'Processor', 'StaleJobSweeper'] as const;

/**
 * The stage's distribution, but only while it serves CloudFront's default certificate: once a
 * domain is configured the acknowledgement is no longer applied, the rule checks for real, and
 * the report lists the entry as unused until it is deleted.
 */
export function distributionOnDefaultCertificate(stage: Stage): IConstruct[] {
  return stage.node.findAll().filter((c): c is CfnDistribution => c instanceof CfnDistribution && servesDefaultCertificate(c));
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

