/**
 * One acknowledged finding: which pack and exact finding id, where in each stage, why, and a
 * reference a reviewer can follow. Applied in CDK core's form `<Pack>::<FindingId>` so it lands
 * in `validation-report.json` under `suppressedViolations` with its reason and construct path
 * (COMPLIANCE.md §1.2); cdk-nag's bare-id form would vanish from the report.
 * @module
 */
import { Stage, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The gate's packs, in report order (the order gatePacks applies them). */
export const PACK_NAMES = ['HIPAA.Security', 'AwsSolutions', 'Serverless', 'Serenya'] as const;
export type PackName = (typeof PACK_NAMES)[number];
export type StageName = 'Development' | 'Production';

/** A construct path below the stage (`Serenya/Network/...`) or a finder returning the constructs. */
export type Target = string | ((stage: Stage) => IConstruct[]);

export interface Acknowledgement {
  readonly pack: PackName;
  /** The exact finding id, granular where the rule is (`AwsSolutions-IAM5[Action::kms:GenerateDataKey*]`). */
  readonly finding: string;
  /** Where the finding sits; the acknowledgement covers that construct's subtree. */
  readonly at: Target;
  /** Why this cannot or should not be fixed, in words a reviewer accepts. */
  readonly reason: string;
  /** Where the decision is written down: a design section, a doc, an issue. */
  readonly reference: string;
  /** Only these stages (e.g. a development-only cost trade-off). Default: every stage. */
  readonly stages?: readonly StageName[];
}

/** Shorter reasons are not reasons ("not needed", "false positive"). */
export const MIN_REASON_LENGTH = 40;

/** The pack a finding id belongs to: finding ids start with `<Pack>-`. */
export function packOf(finding: string): PackName {
  const pack = PACK_NAMES.find((name) => finding.startsWith(`${name}-`));
  if (pack === undefined) throw new Error(`finding ${finding} belongs to none of the packs (${PACK_NAMES.join(', ')})`);
  return pack;
}

/** The id CDK core matches: the pack's namespace, `::`, the finding id. */
export const coreLevelId = (ack: Acknowledgement): string => `${ack.pack}::${ack.finding}`;

/** The text stored as the reason (and shown in the report): the reason and its reference. */
const reasonText = (ack: Acknowledgement): string => `${ack.reason} [ref: ${ack.reference}]`;

/** Problems with an acknowledgement's own shape, independent of any app. */
export function acknowledgementProblems(ack: Acknowledgement): string[] {
  const problems: string[] = [];
  if (!ack.finding.startsWith(`${ack.pack}-`)) problems.push(`finding ${ack.finding} does not belong to pack ${ack.pack}`);
  if (ack.reason.trim().length < MIN_REASON_LENGTH) problems.push(`reason for ${ack.finding} is shorter than ${MIN_REASON_LENGTH} characters`);
  if (ack.reference.trim() === '') problems.push(`reason for ${ack.finding} has no reference`);
  return problems;
}

/** Resolves a target in one stage; an absent path resolves to nothing (reported as unused). */
export function resolveTarget(stage: Stage, at: Target): IConstruct[] {
  if (typeof at === 'function') return at(stage);
  const found = stage.node.tryFindChild(at.split('/')[0] ?? '');
  if (!found) return [];
  const rest = at.split('/').slice(1);
  let current: IConstruct | undefined = found;
  for (const id of rest) current = current?.node.tryFindChild(id);
  return current ? [current] : [];
}

/** Applies one acknowledgement to every stage of the app it concerns. Throws on a malformed one. */
export function applyAcknowledgement(stages: readonly Stage[], ack: Acknowledgement): void {
  const problems = acknowledgementProblems(ack);
  if (problems.length > 0) throw new Error(`unacceptable acknowledgement: ${problems.join('; ')}`);
  for (const stage of stages) {
    if (ack.stages && !ack.stages.includes(stage.stageName as StageName)) continue;
    for (const construct of resolveTarget(stage, ack.at)) {
      Validations.of(construct).acknowledge({ id: coreLevelId(ack), reason: reasonText(ack) });
    }
  }
}

/** The app's direct child stages (Development, Production). */
export const stagesOf = (root: IConstruct): Stage[] => root.node.children.filter((c): c is Stage => Stage.isStage(c));
