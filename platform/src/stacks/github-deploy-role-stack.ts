/**
 * The AWS side of the GitHub workflows: GitHub's OpenID Connect provider and the roles the
 * workflows assume with it, so no AWS key is ever stored in GitHub.
 *
 * - **Deploy role** (`.github/workflows/deploy.yml`, jobs `deploy-development` and
 *   `deploy-production`): trusted only for tokens of this repository's deploy branches
 *   (`main`, `develop`) and its deploy environments (`production`, `development`), audience
 *   `sts.amazonaws.com`. It may do one thing: assume the CDK bootstrap roles (deploy,
 *   file-publishing, image-publishing, lookup) of this account in the regions the app deploys
 *   to. Every CloudFormation, S3 and ECR permission stays with those bootstrap roles.
 * - **Pull request diff role** (job `diff`): trusted only for this repository's pull request
 *   tokens and allowed to assume the bootstrap **lookup** role alone (read-only), which is all
 *   `cdk diff --method template` needs. A pull request's code runs with these credentials, so
 *   they can read, never change. GitHub gives no OIDC token to pull requests from forks.
 *
 * Not part of a stage: deploy it once per AWS account (after `cdk bootstrap`), then set the
 * repository or environment variable `AWS_DEPLOY_ROLE_ARN` (and `AWS_DIFF_ROLE_ARN`) to the
 * outputs.
 *
 * @example
 * ```ts
 * // platform/bin/app.ts: only when asked for, e.g. `cdk deploy SerenyaGithubDeploy -c githubRepository=owner/serenya`
 * const githubRepository = app.node.tryGetContext('githubRepository') as string | undefined;
 * if (githubRepository) {
 *   new GithubDeployRoleStack(app, 'SerenyaGithubDeploy', {
 *     env: { region: 'eu-west-1' },
 *     repository: githubRepository,
 *     deployRegions: ['eu-west-1', 'eu-central-1', 'us-east-1'],
 *   });
 * }
 * ```
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 * @module
 */
import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** GitHub Actions' token issuer (the `iss` claim), without its scheme in IAM condition keys. */
const GithubOidcIssuer = 'token.actions.githubusercontent.com';
/** The audience configure-aws-credentials asks GitHub for. */
const GithubOidcAudience = 'sts.amazonaws.com';
/** The CDK bootstrap roles a deployment uses (`cdk-<qualifier>-<name>-<account>-<region>`). */
const CdkBootstrapRoles = ['deploy', 'file-publishing', 'image-publishing', 'lookup'] as const;
/** `cdk bootstrap`'s default qualifier. */
const DefaultBootstrapQualifier = 'hnb659fds';

export interface GithubDeployRoleStackProps extends StackProps {
  /** The repository as GitHub spells it, `owner/name` (IAM compares the `sub` claim case-sensitively). */
  readonly repository: string;
  /** Branches whose jobs (without an environment) may deploy. @default ['main', 'develop'] */
  readonly branches?: readonly string[];
  /** GitHub environments whose jobs may deploy. @default ['production', 'development'] */
  readonly environments?: readonly string[];
  /**
   * Regions the CDK app deploys stacks to: each has its own bootstrap roles.
   * @default this stack's region and us-east-1 (CloudFront's WAF web ACL lives there)
   */
  readonly deployRegions?: readonly string[];
  /** The `cdk bootstrap --qualifier`. @default 'hnb659fds' */
  readonly bootstrapQualifier?: string;
  /**
   * An account holds one provider per issuer: pass its ARN when the account already has one.
   * @default a new provider
   */
  readonly existingOidcProviderArn?: string;
  /** Also create the read-only pull request diff role. @default true */
  readonly pullRequestDiffRole?: boolean;
  /** @default 'serenya-github-deploy' */
  readonly deployRoleName?: string;
  /** @default 'serenya-github-diff' */
  readonly diffRoleName?: string;
}

const repositoryPattern = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
const refOrEnvironmentPattern = /^[A-Za-z0-9._/-]+$/;

/** GitHub's OIDC provider and the deploy and diff roles the workflows assume through it. */
export class GithubDeployRoleStack extends Stack {
  readonly oidcProviderArn: string;
  readonly deployRole: iam.Role;
  readonly diffRole: iam.Role | undefined;

  constructor(scope: Construct, id: string, props: GithubDeployRoleStackProps) {
    super(scope, id, props);
    const { repository } = props;
    if (!repositoryPattern.test(repository)) throw new Error(`GithubDeployRoleStack: repository must be owner/name (got '${repository}')`);
    const branches = props.branches ?? ['main', 'develop'];
    const environments = props.environments ?? ['production', 'development'];
    for (const name of [...branches, ...environments]) {
      // A `*` would turn an exact subject into a pattern: never allowed here.
      if (!refOrEnvironmentPattern.test(name)) throw new Error(`GithubDeployRoleStack: '${name}' is not a plain branch or environment name`);
    }
    if (branches.length + environments.length === 0) throw new Error('GithubDeployRoleStack: no branch or environment may deploy');
    const qualifier = props.bootstrapQualifier ?? DefaultBootstrapQualifier;
    const regions = props.deployRegions ?? [...new Set([this.region, 'us-east-1'])];
    if (regions.length === 0) throw new Error('GithubDeployRoleStack: deployRegions is empty');

    this.oidcProviderArn =
      props.existingOidcProviderArn ??
      new iam.OidcProviderNative(this, 'GithubOidcProvider', {
        url: `https://${GithubOidcIssuer}`,
        clientIds: [GithubOidcAudience],
        // No thumbprints: IAM trusts GitHub's certificate through its own CA store.
      }).oidcProviderArn;

    const trustedBy = (subjects: string[]) =>
      new iam.WebIdentityPrincipal(this.oidcProviderArn, {
        StringEquals: {
          [`${GithubOidcIssuer}:aud`]: GithubOidcAudience,
          [`${GithubOidcIssuer}:sub`]: subjects,
        },
      });
    const bootstrapRoleArns = (names: readonly string[]) =>
      regions.flatMap((region) =>
        names.map((name) => `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-${qualifier}-${name}-role-${Aws.ACCOUNT_ID}-${region}`),
      );

    this.deployRole = new iam.Role(this, 'DeployRole', {
      roleName: props.deployRoleName ?? 'serenya-github-deploy',
      description: `GitHub Actions deploys of ${repository} (${[...branches, ...environments].join(', ')}): assumes the CDK bootstrap roles only`,
      assumedBy: trustedBy([
        ...branches.map((branch) => `repo:${repository}:ref:refs/heads/${branch}`),
        ...environments.map((environment) => `repo:${repository}:environment:${environment}`),
      ]),
      maxSessionDuration: Duration.hours(1),
    });
    // A managed policy, not an inline one (HIPAA.Security-IAMNoInlinePolicy).
    new iam.ManagedPolicy(this, 'DeployPolicy', {
      description: 'Assume the CDK bootstrap roles (deploy, file and image publishing, lookup), nothing else',
      roles: [this.deployRole],
      statements: [
        new iam.PolicyStatement({ sid: 'AssumeCdkBootstrapRoles', actions: ['sts:AssumeRole'], resources: bootstrapRoleArns(CdkBootstrapRoles) }),
      ],
    });
    new CfnOutput(this, 'DeployRoleArn', {
      value: this.deployRole.roleArn,
      description: 'GitHub variable AWS_DEPLOY_ROLE_ARN (repository or per environment)',
    });

    if (props.pullRequestDiffRole ?? true) {
      this.diffRole = new iam.Role(this, 'DiffRole', {
        roleName: props.diffRoleName ?? 'serenya-github-diff',
        description: `GitHub Actions pull request diffs of ${repository}: assumes the CDK lookup role (read-only) only`,
        assumedBy: trustedBy([`repo:${repository}:pull_request`]),
        maxSessionDuration: Duration.hours(1),
      });
      new iam.ManagedPolicy(this, 'DiffPolicy', {
        description: 'Assume the CDK bootstrap lookup role (read-only), nothing else',
        roles: [this.diffRole],
        statements: [new iam.PolicyStatement({ sid: 'AssumeCdkLookupRole', actions: ['sts:AssumeRole'], resources: bootstrapRoleArns(['lookup']) })],
      });
      new CfnOutput(this, 'DiffRoleArn', { value: this.diffRole.roleArn, description: 'GitHub variable AWS_DIFF_ROLE_ARN' });
    }
  }
}

