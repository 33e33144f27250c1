/**
 * The four packs the gate runs, each recording what it checked ({@link CheckLog}) besides
 * reporting violations. Overriding the protected `applyRule` is the one hook cdk-nag 3.0.2 offers
 * for this; `validate` writes the record into the cloud assembly after the walk. (One subclass
 * per pack: TypeScript mixins cannot extend classes whose constructors take typed parameters.)
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

export class RecordedHIPAASecurityChecks extends HIPAASecurityChecks implements RecordedPack {
  readonly checkLog = new CheckLog();
  protected override applyRule(params: IApplyRule): void {
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

export class RecordedAwsSolutionsChecks extends AwsSolutionsChecks implements RecordedPack {
  readonly checkLog = new CheckLog();
  protected override applyRule(params: IApplyRule): void {
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

export class RecordedServerlessChecks extends ServerlessChecks implements RecordedPack {
  readonly checkLog = new CheckLog();
  protected override applyRule(params: IApplyRule): void {
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

export class RecordedSerenyaChecks extends SerenyaChecks implements RecordedPack {
  readonly checkLog = new CheckLog();
  protected override applyRule(params: IApplyRule): void {
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

/** The gate's packs, in report order. */
export function gatePacks(scope?: IConstruct, props: NagPackProps = { verbose: true }): RecordedPack[] {
  return [
    new RecordedHIPAASecurityChecks(scope, props),
    new RecordedAwsSolutionsChecks(scope, props),
    new RecordedServerlessChecks(scope, props),
    new RecordedSerenyaChecks(scope, props),
  ];
}
