/**
 * The shape of one rule of the project pack ({@link SerenyaChecks}): an id (the rule's file name),
 * what a finding means, and the check itself. cdk-nag calls the check on every CfnResource of
 * every stack; it answers N/A for types it does not look at (the check log counts what it did look at).
 * @module
 */
import type { CfnResource } from 'aws-cdk-lib';
import type { NagMessageLevel, NagRuleResult } from 'cdk-nag';

export interface ProjectRule {
  /** Rule id without the pack prefix, equal to the file name (the finding id is `Serenya-<id>`). */
  readonly id: string;
  /** Why the rule was triggered, shown with every finding. */
  readonly info: string;
  /** Why the rule exists, shown in verbose mode and in the report. */
  readonly explanation: string;
  readonly level: NagMessageLevel;
  check(node: CfnResource): NagRuleResult;
}
