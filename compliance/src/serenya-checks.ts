/**
 * The project's own cdk-nag pack: the resource types the HIPAA Security pack never looks at
 * (HTTP API, CloudFront, SQS, KMS) and the log-group pair in one place. Finding ids are
 * `Serenya-<RuleId>`; acknowledge them in the core-level form `Serenya::Serenya-<RuleId>`.
 * @module
 */
import type { CfnResource } from 'aws-cdk-lib';
import { NagPack, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { PROJECT_RULES } from './rules/project-rules.ts';

const SERENYA_PACK_NAME = 'Serenya';

export class SerenyaChecks extends NagPack {
  override readonly name: string = SERENYA_PACK_NAME;

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = SERENYA_PACK_NAME;
  }

  protected override checkResource(node: CfnResource): void {
    for (const rule of PROJECT_RULES) {
      this.applyRule({
        // Explicit: the default suffix is the check function's name, which is `check` for every rule here.
        ruleSuffixOverride: rule.id,
        info: rule.info,
        explanation: rule.explanation,
        level: rule.level,
        node,
        rule: (resource) => rule.check(resource),
      });
    }
  }
}
