/**
 * Runs the project pack over a fixture scope the way cdk-nag 3.0.2 supports without a synth:
 * `validateScope`, which walks the construct tree and honours plugin-level acknowledgements.
 * Returns the violating construct paths per finding id (`Serenya-<RuleId>` or `…[Finding]`).
 * @module
 */
import { App, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { SerenyaChecks } from '../serenya-checks.ts';

export function projectFindings(scope: IConstruct): Map<string, string[]> {
  const report = new SerenyaChecks().validateScope(scope);
  return new Map(report.violations.map((v) => [v.ruleName, v.violatingResources.map((r) => r.constructPath ?? '')]));
}

/** The finding ids one rule raised on a scope (its bare id and granular `[…]` variants). */
export function findingIdsOf(scope: IConstruct, ruleId: string): string[] {
  const prefix = `Serenya-${ruleId}`;
  return [...projectFindings(scope).keys()].filter((id) => id === prefix || id.startsWith(`${prefix}[`));
}

/** A fresh stack in its own app, with an explicit environment so region-bound constructs work. */
export function fixtureStack(id = 'Fixture'): Stack {
  return new Stack(new App(), id, { env: { account: '111111111111', region: 'eu-west-1' } });
}
