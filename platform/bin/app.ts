/**
 * The CDK app: the compliance gate on the whole app, one stage per entry of
 * `serenya:stages` in cdk.json, then the acknowledged findings (set last: an acknowledgement
 * must name a construct that exists).
 *
 * `npx cdk synth -q` (npm run synth); report-only gate: `-c serenya:gate=report`.
 * @module
 */
import { App } from 'aws-cdk-lib';
import { applyAcknowledgements } from '../../compliance/src/acknowledgements.ts';
import { applyComplianceGate } from '../../compliance/src/apply-compliance-gate.ts';
import { addStages, EDGE_REGION } from '../src/serenya-stage.ts';
import { GithubDeployRoleStack } from '../src/stacks/github-deploy-role-stack.ts';

const app = new App();
applyComplianceGate(app);
const { production } = addStages(app);

// The GitHub OIDC deploy roles: once per account, only when asked for
// (`cdk deploy SerenyaGithubDeploy -c githubRepository=owner/serenya`).
const githubRepository = app.node.tryGetContext('githubRepository') as string | undefined;
if (githubRepository) {
  const { config } = production;
  new GithubDeployRoleStack(app, 'SerenyaGithubDeploy', {
    env: { region: config.region },
    repository: githubRepository,
    deployRegions: [config.region, config.backupRegion, EDGE_REGION],
  });
}
applyAcknowledgements(app);
app.synth();
