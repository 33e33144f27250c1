/**
 * The typed configuration of one deployment stage, read from cdk.json context
 * (`serenya:stages.<stage>`) and validated with zod, so a typo fails synth with the key's name
 * instead of deploying a half-configured stack. Everything a stage may differ in lives here;
 * every construct takes its values from this object, never from its own constants.
 *
 * @example
 * ```ts
 * const config = readStageConfig(app, 'production');
 * config.database.multiAz; // true
 * ```
 * @module
 */
import type { Construct } from 'constructs';
import { z } from 'zod';
import { DEFAULT_CHAT_MODEL_ID, DEFAULT_DOCUMENT_MODEL_ID } from '../../services/shared/src/config/bedrock-config.ts';

/** The stages this app deploys, in the order synth lists them. */
export const StageNames = ['development', 'production'] as const;
export type StageName = (typeof StageNames)[number];

/** A stage's construct id: `Development`, `Production` (`cdk.out/assembly-<id>`, `cdk deploy '<id>/*'`). */
export function stageId(stage: StageName): string {
  return stage.charAt(0).toUpperCase() + stage.slice(1);
}

/** The cdk.json context key that holds every stage's settings. */
const StagesContextKey = 'serenya:stages';

const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a region name such as eu-west-1');
const email = z.email();
const domainName = z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a lower-case DNS name');

/** One list of e-mail addresses per alarm topic (ORIGINAL-DESIGN.md's five topics). */
const alarmEmails = z
  .object({
    critical: z.array(email).default([]),
    warning: z.array(email).default([]),
    performance: z.array(email).default([]),
    cost: z.array(email).default([]),
    security: z.array(email).default([]),
  })
  .default({ critical: [], warning: [], performance: [], cost: [], security: [] });

/**
 * A custom domain: the hosted zone (by id, so synth needs no AWS lookup) and the names the
 * CloudFront distribution answers for. Without it, the distribution's own *.cloudfront.net name
 * and the HTTP API's execute-api endpoint are used.
 */
const customDomain = z.object({
  hostedZoneId: z.string().regex(/^Z[A-Z0-9]+$/, 'must be a Route 53 hosted zone id'),
  zoneName: domainName,
  apiDomain: domainName,
  webDomain: domainName,
});

const stageSchema = z.object({
  /** Optional: synth works offline without it (the stacks are then environment-agnostic in account). */
  account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
  /** Where the stack, Bedrock and its VPC endpoint run (one region, ARCHITECTURE.md). */
  region: region.default('eu-west-1'),
  /** Where backup copies go: EU data stays in the EU. */
  backupRegion: region.default('eu-central-1'),
  domain: customDomain.optional(),
  /** The web console's origins allowed by the API's CORS policy (besides the distribution's own). */
  webOrigins: z.array(z.url()).default([]),
  alarmEmails,
  googleClientIds: z.array(z.string().min(1)).min(1, 'needs at least one Google OAuth client id'),
  bedrock: z
    .object({
      documentModelId: z.string().default(DEFAULT_DOCUMENT_MODEL_ID),
      chatModelId: z.string().default(DEFAULT_CHAT_MODEL_ID),
    })
    .default({ documentModelId: DEFAULT_DOCUMENT_MODEL_ID, chatModelId: DEFAULT_CHAT_MODEL_ID }),
  database: z.object({
    instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an RDS instance class such as db.t4g.medium'),
    allocatedStorageGiB: z.number().int().min(20).max(65_536),
    maxAllocatedStorageGiB: z.number().int().min(20).max(65_536),
    multiAz: z.boolean(),
    /** The login user the functions connect as (a member of `serenya_app`, granted `rds_iam`). */
    appLoginUser: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('serenya_app_user'),
  }),
  functions: z.object({
    /** Reserved concurrency of each API function (the design's 50). */
    reservedConcurrency: z.number().int().min(1),
    /** Reserved concurrency of the processor: bounds Bedrock spend and database connections. */
    processorReservedConcurrency: z.number().int().min(1),
    /** Provisioned concurrency on the documents and chat path (the design's 10); 0 turns it off. */
    provisionedConcurrency: z.number().int().min(0),
  }),
  api: z.object({
    throttleRateLimit: z.number().positive(),
    throttleBurstLimit: z.number().int().positive(),
  }),
  /** Requests per 5 minutes per client IP before WAF blocks it. */
  wafRateLimitPer5Minutes: z.number().int().min(10),
  /** Retention of every log group, in days. */
  logRetentionDays: z.number().int().min(1),
  /** The hourly LLM spend, in US cents, above which the cost alarm fires (the design's 100). */
  llmCostAlarmCentsPerHour: z.number().positive().default(100),
});

export type StageSettings = z.output<typeof stageSchema>;

/** A stage's validated settings plus its name. */
export interface StageConfig extends StageSettings {
  readonly stage: StageName;
}

/**
 * Validates one stage's raw settings.
 *
 * @example
 * ```ts
 * parseStageConfig('development', { googleClientIds: ['x.apps.googleusercontent.com'], … });
 * ```
 */
export function parseStageConfig(stage: StageName, raw: unknown): StageConfig {
  const parsed = stageSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${StagesContextKey}.${stage}.${issue.path.map(String).join('.')}: ${issue.message}`);
    throw new Error(`Invalid stage configuration:\n  ${problems.join('\n  ')}`);
  }
  return { stage, ...parsed.data };
}

/**
 * Reads `serenya:stages.<stage>` from the construct tree's context (cdk.json or `-c`).
 *
 * @example
 * ```ts
 * const config = readStageConfig(app, 'development');
 * ```
 */
export function readStageConfig(scope: Construct, stage: StageName): StageConfig {
  const stages = scope.node.tryGetContext(StagesContextKey) as Record<string, unknown> | undefined;
  if (stages?.[stage] === undefined) throw new Error(`cdk.json context ${StagesContextKey}.${stage} is missing`);
  return parseStageConfig(stage, stages[stage]);
}
