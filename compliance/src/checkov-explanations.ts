/**
 * Every checkov failure that is explained rather than fixed, with the resources it concerns.
 * Applied by applyAcknowledgements as `Metadata.checkov.skip` on each resource; the compliance
 * report lists each with its comment. Most mirror a cdk-nag acknowledgement (same reason, the
 * other tool's id).
 * @module
 */
import type { CheckovSkip } from './checkov-skip.ts';
import { ALL_FUNCTIONS, API_FUNCTIONS, coreCustomResourceProviders, distributionOnDefaultCertificate } from './finders.ts';
import type { TemplateCheckovSkip } from './template-checkov-skips.ts';

/** CDK core's custom-resource handlers: the same three checks and reason at construct time and in the template pass. */
const CORE_PROVIDER_CHECKS = ['CKV_AWS_115', 'CKV_AWS_116', 'CKV_AWS_117'];
const CORE_PROVIDER_COMMENT =
  'CDK deploy-time custom-resource handler (cross-region export or default security group lockdown), invoked by CloudFormation only: no PHI, no traffic; concurrency, DLQ and VPC placement do not apply and CDK does not expose them';

const functionSkip = (names: readonly string[], check: string, comment: string): CheckovSkip[] =>
  names.map((name) => ({ check, at: `Serenya/Functions/${name}/Function`, resourceType: 'AWS::Lambda::Function', comment }));

export const CHECKOV_EXPLANATIONS: readonly CheckovSkip[] = [
  // Lambda dead-letter queues: same reasons as the HIPAA/Serverless LambdaDLQ acknowledgements.
  ...functionSkip(
    API_FUNCTIONS,
    'CKV_AWS_116',
    'invoked synchronously (HTTP API, or for ChatStream its function URL behind CloudFront): errors return to the caller; Lambda DLQs only receive asynchronous invocations',
  ),
  ...functionSkip(['Processor'], 'CKV_AWS_116', "SQS event source: failed messages go to the processing queue's redrive dead-letter queue after 3 receives"),
  ...functionSkip(['StaleJobSweeper'], 'CKV_AWS_116', 'idempotent scheduled sweep: a failed run is repeated by the next scheduled run, a parked event carries nothing'),
  // Environment variables: names and ARNs from the stage config, never secrets or PHI.
  ...functionSkip(
    ALL_FUNCTIONS,
    'CKV_AWS_173',
    'environment holds only resource names, ARNs and settings from the stage config, no secret and no PHI (DATABASE_URL has no password: IAM auth tokens); Lambda encrypts it at rest with its service key',
  ),
  // The wildcard writes checkov flags are the IAM5 [Resource::*] pair: X-Ray and ENI management.
  ...ALL_FUNCTIONS.map(
    (name): CheckovSkip => ({
      check: 'CKV_AWS_111',
      at: `Serenya/Functions/${name}/Role`,
      resourceType: 'AWS::IAM::Policy',
      comment: 'Resource * only for xray:PutTraceSegments/PutTelemetryRecords (no resource ARN exists) and the VPC network-interface actions Lambda needs',
    }),
  ),
  ...CORE_PROVIDER_CHECKS.map((check): CheckovSkip => ({ check, at: coreCustomResourceProviders, resourceType: 'AWS::Lambda::Function', comment: CORE_PROVIDER_COMMENT })),
  {
    check: 'CKV_AWS_18',
    at: 'Serenya/Storage/AccessLogs',
    resourceType: 'AWS::S3::Bucket',
    comment: 'this bucket is the server access log destination of the other buckets; logging it into itself would loop',
  },
  {
    check: 'CKV_AWS_86',
    at: 'Serenya/Edge/Distribution',
    resourceType: 'AWS::CloudFront::Distribution',
    comment: 'every request is logged by the WAF web ACL (encrypted log group) and every API call by the HTTP API access log (AwsSolutions-CFR3 acknowledgement)',
  },
  {
    check: 'CKV_AWS_157',
    at: 'Serenya/Database/Instance',
    resourceType: 'AWS::RDS::DBInstance',
    stages: ['Development'],
    comment: 'development holds synthetic data only; production enables Multi-AZ from its stage config and is checked',
  },
  {
    check: 'CKV_AWS_174',
    at: distributionOnDefaultCertificate,
    resourceType: 'AWS::CloudFront::Distribution',
    comment: 'no custom domain configured for this stage yet, so only the default certificate is possible; TLSv1.2_2021 applies once one is (production: release blocker)',
  },
];

/**
 * Explanations for resources CDK creates only during synthesis (after applyAcknowledgements
 * ran), matched in the written templates by their `aws:cdk:path`: the cross-region export
 * reader and writer that wire the us-east-1 WAF ACL to the distribution. Applied by the
 * compliance CLI before checkov runs.
 */
export const TEMPLATE_CHECKOV_EXPLANATIONS: readonly TemplateCheckovSkip[] = CORE_PROVIDER_CHECKS.map((check) => ({
  check,
  cdkPath: /\/Custom::CrossRegionExport(Reader|Writer)CustomResourceProvider\/Handler$/,
  resourceType: 'AWS::Lambda::Function',
  comment: CORE_PROVIDER_COMMENT,
}));
