import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourcesOf, synthesizedStages } from '../../testing/synthesized-stages.ts';
import { bedrockModelArns, EU_INFERENCE_PROFILE_REGIONS } from './bedrock-endpoint-policy.ts';

const { template } = synthesizedStages().development;

describe('network', () => {
  it('is a 10.0.0.0/16 VPC over two AZs with public, egress and isolated subnets; no public IPs on launch', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const subnets = resourcesOf(template, 'AWS::EC2::Subnet');
    expect(subnets.length).toBe(6);
    for (const [, subnet] of subnets) expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
    expect(resourcesOf(template, 'AWS::EC2::NatGateway').length).toBe(1);
  });

  it('logs all flows to an encrypted log group and restricts the default security group', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  it('has gateway endpoints for S3 and DynamoDB and interface endpoints for the rest', () => {
    const services = resourcesOf(template, 'AWS::EC2::VPCEndpoint').map(([, endpoint]) => JSON.stringify(endpoint.Properties.ServiceName));
    for (const service of ['.s3', '.dynamodb', '.kms', '.sqs', '.secretsmanager', '.logs', '.monitoring', '.bedrock-runtime']) {
      expect(services.some((name) => name.includes(service))).toBe(true);
    }
  });

  it('lets the Bedrock endpoint invoke only the configured Claude models', () => {
    const [[, endpoint]] = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(([, e]) => JSON.stringify(e.Properties.ServiceName).includes('bedrock-runtime')) as [
      [string, { Properties: Record<string, unknown> }],
    ];
    const statements = (endpoint.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] });
    const resources = JSON.stringify(statements[0]?.Resource);
    expect(resources).toContain('inference-profile/eu.anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(resources).toContain('inference-profile/eu.anthropic.claude-sonnet-4-6');
    expect(resources).not.toMatch(/foundation-model\/\*|claude-3/);
  });

  it('maps an EU inference profile to the profile and the foundation model in every EU region it routes to', () => {
    const arns = bedrockModelArns('eu-west-1', '111122223333', ['eu.anthropic.claude-sonnet-4-6']);
    expect(arns).toHaveLength(1 + EU_INFERENCE_PROFILE_REGIONS.length);
    expect(arns[0]).toMatch(/:bedrock:eu-west-1:111122223333:inference-profile\/eu\.anthropic\.claude-sonnet-4-6$/);
    expect(arns).toContainEqual(expect.stringMatching(/:bedrock:eu-north-1::foundation-model\/anthropic\.claude-sonnet-4-6$/));
    expect(bedrockModelArns('eu-west-1', '111122223333', ['anthropic.claude-3-haiku-20240307-v1:0'])).toEqual([
      expect.stringMatching(/:bedrock:eu-west-1::foundation-model\/anthropic\.claude-3-haiku-20240307-v1:0$/),
    ]);
  });

  it('isolated-subnet NACL admits HTTPS and PostgreSQL inside the VPC and the replies', () => {
    const entries = resourcesOf(template, 'AWS::EC2::NetworkAclEntry').map(([, entry]) => entry.Properties);
    const has = (egress: boolean, cidr: string, from: number, to: number) =>
      entries.some((e) => Boolean(e.Egress) === egress && e.CidrBlock === cidr && (e.PortRange as { From: number; To: number }).From === from && (e.PortRange as { To: number }).To === to && e.RuleAction === 'allow');
    expect(has(false, '10.0.0.0/16', 443, 443)).toBe(true);
    expect(has(false, '10.0.0.0/16', 5432, 5432)).toBe(true);
    expect(has(false, '0.0.0.0/0', 1024, 65535)).toBe(true);
    expect(has(true, '10.0.0.0/16', 5432, 5432)).toBe(true);
    expect(has(true, '10.0.0.0/16', 1024, 65535)).toBe(true);
    expect(has(true, '0.0.0.0/0', 443, 443)).toBe(true);
    template.resourceCountIs('AWS::EC2::SubnetNetworkAclAssociation', 2);
  });

  it('opens security groups only SG to SG on literal ports, never inbound from a CIDR', () => {
    for (const [, rule] of resourcesOf(template, 'AWS::EC2::SecurityGroupIngress')) {
      expect(rule.Properties.SourceSecurityGroupId).toBeDefined();
      expect(rule.Properties.CidrIp).toBeUndefined();
      expect([443, 5432]).toContain(rule.Properties.FromPort);
    }
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 5432, ToPort: 5432, Description: 'PostgreSQL from RDS Proxy' });
    for (const [, group] of resourcesOf(template, 'AWS::EC2::SecurityGroup')) expect(group.Properties.SecurityGroupIngress ?? []).toEqual([]);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: Match.stringLikeRegexp('Interface VPC endpoints') });
  });
});
