/**
 * Every rule id the gate's packs apply, found by running each pack once over a probe resource:
 * cdk-nag calls every rule on every resource (answering N/A for foreign types), so the packs'
 * check logs list every rule. Used to verify the ids the HIPAA matrix names.
 * @module
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { gatePacks } from './recorded-packs.ts';

export interface PackRules {
  readonly pack: string;
  readonly ruleIds: readonly string[];
}

export function packRuleIds(): PackRules[] {
  const stack = new Stack(new App(), 'Probe');
  new CfnResource(stack, 'Probe', { type: 'Custom::Probe' });
  return gatePacks().map((pack) => {
    pack.validateScope(stack);
    return { pack: pack.readPackName, ruleIds: pack.checkLog.ruleIds() };
  });
}

export const knownNagRuleIds = (): Set<string> => new Set(packRuleIds().flatMap((p) => p.ruleIds));
