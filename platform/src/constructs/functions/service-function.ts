/**
 * One Serenya Lambda function: `NodejsFunction` over a service's handler file, nodejs24.x on
 * arm64, X-Ray active, an explicit log group (KMS, retention: no LogRetention helper), its own
 * role (no AWS-managed policies: only log writing, the VPC ENI actions and what the caller
 * grants), placed in the VPC with its own security group, reserved concurrency, and the name
 * `serenya-<stage>-<name>` that alarms and dashboards use as the FunctionName dimension.
 *
 * The emulator contract: the CfnFunction carries metadata `serenya:entry` (the handler file,
 * repository-relative) and `serenya:handler` (the export), so `npm run local` runs that source
 * with this template's environment, timeout, memory and reserved concurrency.
 *
 * @example
 * ```ts
 * const auth = new ServiceFunction(this, 'Auth', { stage, name: 'auth', … }); // services/auth/src/handler.ts
 * auth.role.addToPolicy(statement);
 * ```
 * @module
 */
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { SecurityGroup, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Alias, Architecture, Runtime, Tracing, type CfnFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { REPOSITORY_ROOT, SERVICE_BUNDLING } from './bundling.ts';
import { FUNCTION_ENTRIES, type FunctionKey } from './function-entries.ts';

/** Metadata keys of the contract with the local emulator (emulation/src/template). */
export const EMULATOR_ENTRY_METADATA = 'serenya:entry';
export const EMULATOR_HANDLER_METADATA = 'serenya:handler';

export interface ServiceFunctionProps {
  readonly stage: string;
  /** Short name: `auth`, `documents`, … ; the function is `serenya-<stage>-<name>`, its handler file `FUNCTION_ENTRIES[name]`. */
  readonly name: FunctionKey;
  readonly description: string;
  /** The exported handler's name. */
  readonly handlerName?: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly reservedConcurrency: number;
  /** Provisioned concurrency on a `live` alias; 0 or absent: none, and no alias. */
  readonly provisionedConcurrency?: number;
  readonly environment: Record<string, string>;
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  readonly logsKey: IKey;
  readonly logRetention: RetentionDays;
}

export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  /** The short name (`auth`, `chat-stream`, …): alarm ids and dashboard keys. */
  readonly name: FunctionKey;
  readonly functionName: string;
  readonly role: Role;
  readonly securityGroup: SecurityGroup;
  readonly logGroup: LogGroup;
  /** What callers (API, event sources) invoke: the `live` alias when provisioned, else the function. */
  readonly invokeTarget: IFunction;
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.name = props.name;
    this.functionName = `serenya-${props.stage}-${props.name}`;
    const entry = FUNCTION_ENTRIES[props.name];
    this.timeout = props.timeout;
    const handlerName = props.handlerName ?? 'handler';

    this.logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/lambda/${this.functionName}`,
      encryptionKey: props.logsKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${this.functionName}: execution role (least privilege, no managed policies)`,
      maxSessionDuration: Duration.hours(1),
    });
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // Stream names are chosen by Lambda per container: the group's streams, no other group.
        resources: [`${this.logGroup.logGroupArn}:log-stream:*`],
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'ManageVpcNetworkInterfaces',
        effect: Effect.ALLOW,
        actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        // EC2 authorises these network-interface actions on no resource narrower than "*"
        // (the ENIs do not exist before Lambda creates them); same as AWSLambdaVPCAccessExecutionRole.
        resources: ['*'],
      }),
    );

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${this.functionName}: no inbound; HTTPS out, PostgreSQL to RDS Proxy`,
      allowAllOutbound: false,
    });

    this.function = new NodejsFunction(this, 'Function', {
      functionName: this.functionName,
      description: props.description,
      entry: join(REPOSITORY_ROOT, entry),
      handler: handlerName,
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: join(REPOSITORY_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [this.securityGroup],
      environment: props.environment,
      bundling: SERVICE_BUNDLING,
    });
    const cfn = this.function.node.defaultChild as CfnFunction;
    cfn.addMetadata(EMULATOR_ENTRY_METADATA, entry);
    cfn.addMetadata(EMULATOR_HANDLER_METADATA, handlerName);

    this.invokeTarget =
      (props.provisionedConcurrency ?? 0) > 0
        ? new Alias(this, 'LiveAlias', {
            aliasName: 'live',
            version: this.function.currentVersion,
            provisionedConcurrentExecutions: props.provisionedConcurrency,
          })
        : this.function;
  }
}
