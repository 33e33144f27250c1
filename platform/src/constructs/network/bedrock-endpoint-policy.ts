/**
 * What the Bedrock Runtime VPC endpoint lets through: invoking the configured Claude models and
 * nothing else (ORIGINAL-DESIGN.md's `BedrockVPCEndpoint` policy, with today's model ids).
 *
 * The configured ids are EU cross-region inference profiles (`eu.anthropic.…`). A call names the
 * profile, and Bedrock routes it to the foundation model in one of the EU regions the profile
 * covers; IAM (and the endpoint policy) check both the profile ARN and the foundation-model ARN
 * in the region that serves it. So both are allowed: the profile in the stack's region and the
 * foundation model in every region of the EU profile.
 *
 * @example
 * ```ts
 * bedrockModelArns('eu-west-1', '123456789012', ['eu.anthropic.claude-sonnet-4-6']);
 * ```
 * @module
 */
import { Aws } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';

/** The regions the EU geographic inference profiles route to (BEDROCK.md §3.2). */
export const EU_INFERENCE_PROFILE_REGIONS = ['eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-3'] as const;

/** The two actions the services use (Converse and ConverseStream authorise as these). */
export const BEDROCK_INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] as const;

/**
 * The ARNs a call to each model id may touch: the inference profile (if the id is one) and the
 * foundation model in every region the profile routes to.
 */
export function bedrockModelArns(region: string, account: string, modelIds: readonly string[]): string[] {
  const arns = new Set<string>();
  for (const modelId of modelIds) {
    const profile = /^(eu|us|apac|global)\.(.+)$/.exec(modelId);
    if (profile === null) {
      arns.add(`arn:${Aws.PARTITION}:bedrock:${region}::foundation-model/${modelId}`);
      continue;
    }
    const foundationModelId = profile[2] ?? modelId;
    arns.add(`arn:${Aws.PARTITION}:bedrock:${region}:${account}:inference-profile/${modelId}`);
    const regions = profile[1] === 'eu' ? EU_INFERENCE_PROFILE_REGIONS : [region];
    for (const target of regions) arns.add(`arn:${Aws.PARTITION}:bedrock:${target}::foundation-model/${foundationModelId}`);
  }
  return [...arns];
}

/**
 * The endpoint policy statement: any principal of the VPC may invoke exactly these models (the
 * callers' own IAM policies still apply on top).
 */
export function bedrockEndpointPolicy(region: string, account: string, modelIds: readonly string[]): PolicyStatement {
  return new PolicyStatement({
    sid: 'InvokeConfiguredClaudeModelsOnly',
    effect: Effect.ALLOW,
    principals: [new AnyPrincipal()],
    actions: [...BEDROCK_INVOKE_ACTIONS],
    resources: bedrockModelArns(region, account, modelIds),
  });
}
