import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyComplianceGate } from '../../../compliance/src/apply-compliance-gate.ts';
import { GithubDeployRoleStack, type GithubDeployRoleStackProps } from './github-deploy-role-stack.ts';

const env = { account: '123456789012', region: 'eu-west-1' };
const repository = 'serenya-health/serenya';

function synth(props: Partial<GithubDeployRoleStackProps> = {}): Template {
  const app = new App();
  return Template.fromStack(new GithubDeployRoleStack(app, 'SerenyaGithubDeploy', { env, repository, ...props }));
}

/** The one trust statement of the role whose RoleName is `roleName`. */
function trustStatement(template: Template, roleName: string): Record<string, unknown> {
  const roles = Object.values(template.findResources('AWS::IAM::Role', { Properties: { RoleName: roleName } }));
  expect(roles).toHaveLength(1);
  const statements = (roles[0] as { Properties: { AssumeRolePolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties
    .AssumeRolePolicyDocument.Statement;
  expect(statements).toHaveLength(1);
  return statements[0]!;
}

/** Every statement of the managed policies attached to the role whose logical id starts with `rolePrefix`. */
function attachedStatements(template: Template, rolePrefix: string): unknown[] {
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')) as {
    Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: unknown[] } };
  }[];
  return policies.filter((policy) => policy.Properties.Roles.some((role) => role.Ref.startsWith(rolePrefix))).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

const bootstrapRole = (name: string, region: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:role/cdk-hnb659fds-${name}-role-`, { Ref: 'AWS::AccountId' }, `-${region}`]],
});

// The first synth loads most of aws-cdk-lib: seconds on a busy 2-core machine.
describe('GithubDeployRoleStack', { timeout: 30_000 }, () => {
  let defaults: Template;
  beforeAll(() => {
    defaults = synth();
  }, 60_000);

  it("creates GitHub's OIDC provider for the STS audience", () => {
    defaults.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
  });

  it('trusts the deploy role only to this repository’s main and develop branches and its two environments', () => {
    const statement = trustStatement(defaults, 'serenya-github-deploy');
    expect(statement).toEqual({
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: { Ref: expect.stringMatching(/^GithubOidcProvider/) as string } },
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': [
            `repo:${repository}:ref:refs/heads/main`,
            `repo:${repository}:ref:refs/heads/develop`,
            `repo:${repository}:environment:production`,
            `repo:${repository}:environment:development`,
          ],
        },
      },
    });
    // Exact subjects only: no StringLike, so no pattern can widen the trust (e.g. `repo:*` or a fork).
    expect(JSON.stringify(statement)).not.toContain('*');
  });

  it('lets the deploy role assume the CDK bootstrap roles of its regions and nothing else', () => {
    const template = synth({ deployRegions: ['eu-west-1', 'us-east-1'] });
    const roles = ['deploy', 'file-publishing', 'image-publishing', 'lookup'];
    expect(attachedStatements(template, 'DeployRole')).toEqual([
      {
        Sid: 'AssumeCdkBootstrapRoles',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: ['eu-west-1', 'us-east-1'].flatMap((region) => roles.map((role) => bootstrapRole(role, region))),
      },
    ]);
    // No inline policy and no AWS managed policy: the one managed policy above is all it has.
    template.resourcePropertiesCountIs('AWS::IAM::Role', { RoleName: 'serenya-github-deploy', Policies: Match.anyValue() }, 0);
    template.resourcePropertiesCountIs('AWS::IAM::Role', { RoleName: 'serenya-github-deploy', ManagedPolicyArns: Match.anyValue() }, 0);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  it('defaults the deploy regions to its own region and us-east-1 (the CloudFront WAF stack)', () => {
    const [statement] = attachedStatements(defaults, 'DeployRole') as { Resource: unknown[] }[];
    expect(statement!.Resource).toHaveLength(8);
    expect(statement!.Resource).toContainEqual(bootstrapRole('deploy', 'eu-west-1'));
    expect(statement!.Resource).toContainEqual(bootstrapRole('deploy', 'us-east-1'));
  });

  it('trusts the diff role only to this repository’s pull requests, for the read-only lookup role', () => {
    const template = defaults;
    expect(trustStatement(template, 'serenya-github-diff')).toMatchObject({
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': [`repo:${repository}:pull_request`],
        },
      },
    });
    expect(attachedStatements(template, 'DiffRole')).toEqual([
      { Sid: 'AssumeCdkLookupRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [bootstrapRole('lookup', 'eu-west-1'), bootstrapRole('lookup', 'us-east-1')] },
    ]);
    template.hasOutput('DeployRoleArn', {});
    template.hasOutput('DiffRoleArn', {});
  });

  it('narrows the trust to what a production-only account asks for, and can leave the diff role out', () => {
    const template = synth({ branches: ['main'], environments: ['production'], pullRequestDiffRole: false });
    expect(trustStatement(template, 'serenya-github-deploy')).toMatchObject({
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': [`repo:${repository}:ref:refs/heads/main`, `repo:${repository}:environment:production`] } },
    });
    template.resourceCountIs('AWS::IAM::Role', 1);
  });

  it('reuses an existing OIDC provider instead of creating a second one', () => {
    const existing = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const template = synth({ existingOidcProviderArn: existing });
    template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    expect(trustStatement(template, 'serenya-github-deploy')).toMatchObject({ Principal: { Federated: existing } });
  });

  it('refuses a repository that is not owner/name and a branch that is a pattern', () => {
    expect(() => synth({ repository: 'serenya' })).toThrow(/owner\/name/);
    expect(() => synth({ repository: 'serenya-health/*' })).toThrow(/owner\/name/);
    expect(() => synth({ branches: ['release/*'] })).toThrow(/plain branch/);
  });

  it('passes the compliance gate (HIPAA Security, AWS Solutions, Serverless and the project pack)', () => {
    const app = new App();
    applyComplianceGate(app);
    new GithubDeployRoleStack(app, 'SerenyaGithubDeploy', { env, repository });
    expect(() => app.synth()).not.toThrow();
  });
});
