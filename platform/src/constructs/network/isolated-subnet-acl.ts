/**
 * The network ACL of the isolated subnets (RDS, RDS Proxy, the interface endpoints, the
 * processor), the original design's `IsolatedNetworkAcl` made coherent. The design allowed only
 * TCP 443 within 10.0.0.0/16 both ways, which would block PostgreSQL (5432) and every reply
 * (NACLs are stateless: a reply leaves on the client's ephemeral port). So, besides 443:
 *
 * - in: 443 and 5432 from the VPC (endpoint and database clients), ephemeral ports from anywhere
 *   (replies, including from S3 and DynamoDB, which the gateway endpoints reach on public ranges;
 *   an isolated subnet has no internet route, so "anywhere" is only those endpoints);
 * - out: 443 to anywhere (interface endpoints in the VPC, S3/DynamoDB through the gateway
 *   endpoints), 5432 within the VPC (RDS Proxy to RDS), ephemeral ports within the VPC (replies
 *   to clients in the other subnets).
 *
 * Security groups remain the primary control (SG-to-SG, literal ports); this is defence in depth.
 * DNS to the VPC resolver is not subject to NACLs.
 *
 * @example
 * ```ts
 * new IsolatedSubnetAcl(this, 'IsolatedAcl', { vpc, vpcCidr: '10.0.0.0/16', databasePort: 5432 });
 * ```
 * @module
 */
import { AclCidr, AclTraffic, NetworkAcl, SubnetType, TrafficDirection, type IVpc } from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** The ephemeral port range Linux (Lambda, RDS) and AWS endpoints reply from. */
const EPHEMERAL_PORTS = { startPort: 1024, endPort: 65535 } as const;

export interface IsolatedSubnetAclProps {
  readonly vpc: IVpc;
  /** The VPC's CIDR as a literal (a token CIDR would make the compliance rules throw). */
  readonly vpcCidr: string;
  readonly databasePort: number;
}

export class IsolatedSubnetAcl extends Construct {
  readonly acl: NetworkAcl;

  constructor(scope: Construct, id: string, props: IsolatedSubnetAclProps) {
    super(scope, id);
    this.acl = new NetworkAcl(this, 'Acl', { vpc: props.vpc, subnetSelection: { subnetType: SubnetType.PRIVATE_ISOLATED } });
    const vpc = AclCidr.ipv4(props.vpcCidr);
    const anywhere = AclCidr.anyIpv4();
    const rules: Array<[number, TrafficDirection, AclCidr, AclTraffic]> = [
      [100, TrafficDirection.INGRESS, vpc, AclTraffic.tcpPort(443)],
      [110, TrafficDirection.INGRESS, vpc, AclTraffic.tcpPort(props.databasePort)],
      [120, TrafficDirection.INGRESS, anywhere, AclTraffic.tcpPortRange(EPHEMERAL_PORTS.startPort, EPHEMERAL_PORTS.endPort)],
      [100, TrafficDirection.EGRESS, anywhere, AclTraffic.tcpPort(443)],
      [110, TrafficDirection.EGRESS, vpc, AclTraffic.tcpPort(props.databasePort)],
      [120, TrafficDirection.EGRESS, vpc, AclTraffic.tcpPortRange(EPHEMERAL_PORTS.startPort, EPHEMERAL_PORTS.endPort)],
    ];
    for (const [ruleNumber, direction, cidr, traffic] of rules) {
      const name = `${direction === TrafficDirection.INGRESS ? 'In' : 'Out'}${ruleNumber}`;
      this.acl.addEntry(name, { ruleNumber, direction, cidr, traffic });
    }
  }
}
