/**
 * The VPC: two AZs, 10.0.0.0/16 (the design's CIDR, as a literal so NACL and rule checks see it).
 *
 * - public subnets: only the NAT gateway (no workload ENIs, no public IPs on launch);
 * - private-with-egress: the functions that must reach the internet: auth (Google's signing
 *   keys) and the API functions that verify access tokens against our JWKS URL (served through
 *   the HTTP API, a public endpoint with no PrivateLink for HTTP APIs);
 * - isolated: RDS, RDS Proxy, the interface endpoints and the processor and sweeper.
 *
 * Flow logs of all traffic go to a KMS-encrypted log group; the default security group is
 * emptied; S3 and DynamoDB are reached through gateway endpoints, KMS, SQS, Secrets Manager,
 * CloudWatch Logs and monitoring and Bedrock Runtime through interface endpoints whose security
 * group admits 443 only from the security groups given by {@link allowEndpointsFrom}.
 *
 * @example
 * ```ts
 * const network = new SerenyaNetwork(this, 'Network', { stage, logsKey, logRetention, bedrockModelIds });
 * network.allowEndpointsFrom(functionsSecurityGroup);
 * ```
 * @module
 */
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import type {
  InterfaceVpcEndpoint} from 'aws-cdk-lib/aws-ec2';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpointAwsService,
  IpAddresses,
  Port,
  SecurityGroup,
  SubnetType,
  Vpc,
  type FlowLog,
  type ISecurityGroup,
} from 'aws-cdk-lib/aws-ec2';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bedrockEndpointPolicy } from './bedrock-endpoint-policy.ts';
import { IsolatedSubnetAcl } from './isolated-subnet-acl.ts';

const VPC_CIDR = '10.0.0.0/16';
export const HTTPS_PORT = 443;

export interface SerenyaNetworkProps {
  readonly stage: string;
  /** The stack's region, as a literal (the Bedrock ARNs name it next to the other EU regions). */
  readonly region: string;
  readonly logsKey: IKey;
  readonly logRetention: RetentionDays;
  readonly databasePort: number;
  /** The Claude model ids the Bedrock endpoint policy admits. */
  readonly bedrockModelIds: readonly string[];
}

export class SerenyaNetwork extends Construct {
  readonly vpc: Vpc;
  readonly flowLogGroup: LogGroup;
  readonly flowLog: FlowLog;
  /** Guards every interface endpoint: 443 from the security groups allowed, nothing else. */
  readonly endpointsSecurityGroup: SecurityGroup;
  readonly bedrockEndpoint: InterfaceVpcEndpoint;

  constructor(scope: Construct, id: string, props: SerenyaNetworkProps) {
    super(scope, id);
    this.vpc = new Vpc(this, 'Vpc', {
      vpcName: `serenya-${props.stage}-vpc`,
      ipAddresses: IpAddresses.cidr(VPC_CIDR),
      maxAzs: 2,
      natGateways: 1,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'egress', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'isolated', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 22 },
      ],
      gatewayEndpoints: {
        S3: { service: GatewayVpcEndpointAwsService.S3 },
        DynamoDb: { service: GatewayVpcEndpointAwsService.DYNAMODB },
      },
    });

    this.flowLogGroup = new LogGroup(this, 'FlowLogGroup', {
      logGroupName: `/serenya/${props.stage}/vpc-flow-logs`,
      encryptionKey: props.logsKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.flowLog = this.vpc.addFlowLog('FlowLog', {
      destination: FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: FlowLogTrafficType.ALL,
    });

    new IsolatedSubnetAcl(this, 'IsolatedSubnetAcl', { vpc: this.vpc, vpcCidr: VPC_CIDR, databasePort: props.databasePort });

    this.endpointsSecurityGroup = new SecurityGroup(this, 'EndpointsSecurityGroup', {
      vpc: this.vpc,
      description: 'Interface VPC endpoints: HTTPS from the Serenya functions, RDS Proxy and secret rotation only',
      allowAllOutbound: false,
    });
    const endpoint = (endpointId: string, service: InterfaceVpcEndpointAwsService): InterfaceVpcEndpoint =>
      this.vpc.addInterfaceEndpoint(endpointId, {
        service,
        // open: false: the rule "443 from the VPC CIDR" CDK would add uses a token CIDR;
        // explicit SG-to-SG rules say more and keep the compliance rules evaluable.
        open: false,
        securityGroups: [this.endpointsSecurityGroup],
        subnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
        privateDnsEnabled: true,
      });
    endpoint('Kms', InterfaceVpcEndpointAwsService.KMS);
    endpoint('Sqs', InterfaceVpcEndpointAwsService.SQS);
    endpoint('SecretsManager', InterfaceVpcEndpointAwsService.SECRETS_MANAGER);
    endpoint('CloudWatchLogs', InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS);
    endpoint('CloudWatchMonitoring', InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING);
    this.bedrockEndpoint = endpoint('BedrockRuntime', InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME);
    this.bedrockEndpoint.addToPolicy(bedrockEndpointPolicy(props.region, Aws.ACCOUNT_ID, props.bedrockModelIds));
  }

  /** Lets `peer` reach every interface endpoint on 443 (a literal port, SG to SG). */
  allowEndpointsFrom(peer: ISecurityGroup, description: string): void {
    this.endpointsSecurityGroup.addIngressRule(peer, Port.tcp(HTTPS_PORT), description);
  }
}
