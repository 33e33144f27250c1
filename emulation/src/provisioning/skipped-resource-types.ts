/**
 * Resource types the emulator does not create in moto, each with the reason, and the
 * placeholder `ProvisionedResource` they get so that `Ref`/`Fn::GetAtt` on them still resolve
 * (a function's name in an alarm's dimensions, a role's ARN in a key policy…).
 * @module
 */
import { createHash } from 'node:crypto';
import type { ProvisionedResource } from '../template/template-types.ts';
import { localFunctionName } from '../runtime/functions/function-definition.ts';
import { localApiId } from '../runtime/http-api/http-api-definition.ts';
import { generatePhysicalName } from './physical-names.ts';

/** Type prefixes (ending in `::`) or exact types → why they are skipped. First match wins. */
export const SKIPPED_RESOURCE_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['AWS::Lambda::', 'the local runtime runs every function from its source in a worker'],
  ['AWS::ApiGatewayV2::', 'the local runtime serves the HTTP API from the template itself'],
  ['AWS::ApiGateway::', 'the local runtime serves the API from the template itself'],
  ['AWS::EC2::', 'networking has no meaning on 127.0.0.1'],
  ['AWS::RDS::', 'embedded PostgreSQL stands in for RDS'],
  ['AWS::IAM::', 'moto does not enforce IAM by default, so roles and policies would change nothing'],
  ['AWS::CloudFront::', 'the web console is served directly'],
  ['AWS::WAFv2::', 'no edge locally; rate limits come from the API stage throttling'],
  ['AWS::CloudTrail::', 'no audit trail of API calls locally'],
  ['AWS::Backup::', 'nothing to back up between runs: moto keeps state in memory'],
  ['AWS::CDK::Metadata', 'CDK bookkeeping'],
  ['Custom::', 'custom resources run Lambda providers at deploy time'],
  ['AWS::CloudFormation::CustomResource', 'custom resources run Lambda providers at deploy time'],
  ['AWS::SecretsManager::SecretTargetAttachment', 'attaches a secret to RDS, which is emulated by embedded PostgreSQL'],
  ['AWS::SecretsManager::RotationSchedule', 'moto empties a secret rotated without a Lambda (MOTO.md §8)'],
  ['AWS::SecretsManager::ResourcePolicy', 'IAM is not enforced locally'],
  ['AWS::KMS::ReplicaKey', 'one region locally'],
  ['AWS::Logs::MetricFilter', 'moto stores metric filters but never emits their metrics; services publish EMF instead'],
  ['AWS::Logs::SubscriptionFilter', 'log subscriptions deliver to Lambda/Kinesis, not emulated'],
  ['AWS::Logs::ResourcePolicy', 'IAM is not enforced locally'],
  ['AWS::CloudWatch::Dashboard', 'dashboards are for people in the console; GET /_local/alarms shows alarm states'],
  ['AWS::CloudWatch::CompositeAlarm', 'moto gives 500 on PutCompositeAlarm (MOTO.md §6)'],
  ['AWS::SSM::', 'parameters are read at deploy time, not by the functions'],
  ['AWS::Route53::', 'no DNS locally'],
  ['AWS::CertificateManager::', 'no TLS locally'],
  ['AWS::Events::', 'scheduled rules are not emulated'],
  ['AWS::Scheduler::', 'schedules are not emulated'],
  ['AWS::SQS::QueueInlinePolicy', 'IAM is not enforced locally'],
  ['AWS::SNS::TopicInlinePolicy', 'IAM is not enforced locally'],
];

/** Why `type` is skipped, or undefined when it is provisioned. */
export function skipReason(type: string): string | undefined {
  return SKIPPED_RESOURCE_TYPES.find(([prefix]) => (prefix.endsWith('::') ? type.startsWith(prefix) : type === prefix))?.[1];
}

export interface PlaceholderContext {
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
}

/** A hex id derived from the logical id, stable across starts (`vpc-0a1b…`, API ids…). */
function stableId(context: PlaceholderContext, logicalId: string, length: number): string {
  return createHash('sha256').update(`${context.stackName}/${logicalId}`).digest('hex').slice(0, length);
}

/**
 * A plausible physical id and `Arn` for a skipped resource. `name` is the template's explicit
 * name property when it is a plain string (FunctionName, RoleName…). Functions and APIs get the
 * local runtime's names and ids (emulation/src/runtime), which the runtime reports metrics under.
 */
export function placeholderResource(context: PlaceholderContext, logicalId: string, type: string, name: string | undefined): ProvisionedResource {
  const { region, accountId } = context;
  const generated = name ?? generatePhysicalName({ stackName: context.stackName, logicalId, maxLength: 64 });
  const [, service = 'unknown', kind = 'resource'] = type.split('::');
  const lowerService = service.toLowerCase();
  switch (type) {
    case 'AWS::Lambda::Function': {
      // The runtime's own naming rule, so alarm dimensions and environment variables that
      // `Ref` a function name the function whose invocations the runtime reports.
      const functionName = localFunctionName(logicalId, name);
      return { logicalId, type, ref: functionName, attributes: { Arn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}` } };
    }
    case 'AWS::IAM::Role':
      return { logicalId, type, ref: generated, attributes: { Arn: `arn:aws:iam::${accountId}:role/${generated}`, RoleId: `AROA${stableId(context, logicalId, 17).toUpperCase()}` } };
    case 'AWS::ApiGatewayV2::Api': {
      const apiId = localApiId(logicalId);
      return { logicalId, type, ref: apiId, attributes: { ApiId: apiId, ApiEndpoint: `https://${apiId}.execute-api.${region}.amazonaws.com`, Arn: `arn:aws:apigateway:${region}::/apis/${apiId}` } };
    }
    case 'AWS::RDS::DBInstance':
    case 'AWS::RDS::DBCluster':
      return {
        logicalId,
        type,
        ref: generated.toLowerCase(),
        attributes: {
          Arn: `arn:aws:rds:${region}:${accountId}:db:${generated.toLowerCase()}`,
          'Endpoint.Address': `${generated.toLowerCase()}.local`,
          'Endpoint.Port': '5432',
          DbiResourceId: `db-${stableId(context, logicalId, 26).toUpperCase()}`,
        },
      };
  }
  if (service === 'EC2') {
    const prefix = EC2_ID_PREFIXES[kind] ?? kind.toLowerCase();
    const id = `${prefix}-0${stableId(context, logicalId, 16)}`;
    return { logicalId, type, ref: id, attributes: { Arn: `arn:aws:ec2:${region}:${accountId}:${kind.toLowerCase()}/${id}`, Id: id, GroupId: id, VpcId: id } };
  }
  return { logicalId, type, ref: generated, attributes: { Arn: `arn:aws:${lowerService}:${region}:${accountId}:${kind.toLowerCase()}/${generated}` } };
}

const EC2_ID_PREFIXES: Readonly<Record<string, string>> = {
  VPC: 'vpc',
  Subnet: 'subnet',
  SecurityGroup: 'sg',
  RouteTable: 'rtb',
  InternetGateway: 'igw',
  NatGateway: 'nat',
  EIP: 'eipalloc',
  VPCEndpoint: 'vpce',
  FlowLog: 'fl',
};

/** The property that holds a skipped type's explicit physical name, when CloudFormation has one. */
export const PLACEHOLDER_NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::RDS::DBCluster': 'DBClusterIdentifier',
  'AWS::ApiGatewayV2::Api': 'Name',
};
