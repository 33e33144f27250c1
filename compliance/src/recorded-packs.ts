/**
 * The four packs the gate runs, each recording what it checked ({@link CheckLog}) besides
 * reporting violations. Overriding the protected `applyRule` is the one hook cdk-nag 3.0.2 offers
 * for this; `validate` writes the record into the cloud assembly after the walk.
 * @module
 */
import { Stage, type IPolicyValidationContext, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks, type IApplyRule, type NagPack, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { CheckLog } from './check-log.ts';
import { SerenyaChecks } from './serenya-checks.ts';

/** A pack that exposes what it checked on its last run. */
export interface RecordedPack extends NagPack {
  readonly checkLog: CheckLog;
}

/** After CDK's validation call: write the record into the app's output directory. */
function writeRecord(pack: RecordedPack, context: IPolicyValidationContext): void {
  const root = context.appConstruct;
  if (Stage.isStage(root)) pack.checkLog.writeTo(root.outdir, pack.readPackName);
}

/** What the four pack classes share: cdk-nag's `NagPack` constructor. */
type PackClass = new (scope?: IConstruct, props?: NagPackProps) => NagPack;

/**
 * The pack class `Base`, recording what each rule checked. A class factory rather than four
 * copies of the same subclass; the constructor type is widened to the mixin form TypeScript
 * requires (`...args: any[]`) and narrowed back for callers.
 */
function recorded(Base: PackClass): new (scope?: IConstruct, props?: NagPackProps) => RecordedPack {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's mixin constructor signature
  const MixinBase = Base as unknown as new (...args: any[]) => NagPack & { applyRule(params: IApplyRule): void };
  // Abstract only to TypeScript, which sees NagPack's abstract members; Base implements them.
  abstract class Recorded extends MixinBase implements RecordedPack {
    readonly checkLog = new CheckLog();
    override applyRule(params: IApplyRule): void {
      super.applyRule(this.checkLog.wrap(this.readPackName, params));
    }
    override validateScope(scope: IConstruct): PolicyValidationPluginReport {
      this.checkLog.reset();
      return super.validateScope(scope);
    }
    override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
      const report = super.validate(context);
      writeRecord(this, context);
      return report;
    }
  }
  return Recorded as unknown as new (scope?: IConstruct, props?: NagPackProps) => RecordedPack;
}

/** In report order (PACK_NAMES). */
const RECORDED_PACKS = [HIPAASecurityChecks, AwsSolutionsChecks, ServerlessChecks, SerenyaChecks].map(recorded);

/** The gate's packs, in report order. */
export function gatePacks(scope?: IConstruct, props: NagPackProps = { verbose: true }): RecordedPack[] {
  return RECORDED_PACKS.map((Pack) => new Pack(scope, props));
}
