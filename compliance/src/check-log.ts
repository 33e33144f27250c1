/**
 * What a pack checked, per rule: the resources it evaluated and how each came out. cdk-nag v3
 * reports only violations and acknowledgements, so without this record the report could not say
 * how many resources a rule looked at (a rule with no findings might simply have seen nothing).
 * @module
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, type IApplyRule, type NagRuleResult } from 'cdk-nag';
import { PACK_NAMES } from './acknowledgement.ts';

export type CheckOutcome = 'compliant' | 'non-compliant' | 'error';

export interface RuleChecks {
  /** The resources the rule applied to (not N/A), by construct path, with the outcome. */
  readonly checked: Record<string, CheckOutcome>;
  /** How many resources the rule saw and declared not applicable. */
  notApplicable: number;
}

/** One pack's record, as written to `<outdir>/compliance-checks/<pack>.json`. */
export interface PackCheckRecord {
  readonly pack: string;
  readonly rules: Record<string, RuleChecks>;
}

/** The folder inside the cloud assembly that holds one record per pack. */
const CHECK_RECORDS_DIR = 'compliance-checks';

function outcomeOf(result: NagRuleResult): CheckOutcome | undefined {
  if (Array.isArray(result)) return result.length > 0 ? 'non-compliant' : 'compliant';
  if (result === NagRuleCompliance.COMPLIANT) return 'compliant';
  if (result === NagRuleCompliance.NON_COMPLIANT) return 'non-compliant';
  return undefined;
}

export class CheckLog {
  private rules: Record<string, RuleChecks> = {};

  reset(): void {
    this.rules = {};
  }

  /** Every rule id the pack applied, including those that found nothing applicable. */
  ruleIds(): string[] {
    return Object.keys(this.rules);
  }

  record(pack: string): PackCheckRecord {
    return { pack, rules: this.rules };
  }

  /**
   * The same rule parameters, with the check wrapped so its outcome is recorded. The rule suffix
   * is made explicit because the wrapper's own function name would otherwise become the id.
   */
  wrap(packName: string, params: IApplyRule): IApplyRule {
    const suffix = params.ruleSuffixOverride ?? params.rule.name;
    const ruleId = `${packName}-${suffix}`;
    const entry = (this.rules[ruleId] ??= { checked: {}, notApplicable: 0 });
    return {
      ...params,
      ruleSuffixOverride: suffix,
      rule: (node: CfnResource): NagRuleResult => {
        let result: NagRuleResult;
        try {
          result = params.rule(node);
        } catch (error) {
          entry.checked[node.node.path] = 'error';
          throw error;
        }
        const outcome = outcomeOf(result);
        if (outcome === undefined) entry.notApplicable += 1;
        else entry.checked[node.node.path] = outcome;
        return result;
      },
    };
  }

  /** Writes the record next to `validation-report.json`, where the report generator reads it. */
  writeTo(outdir: string, pack: string): void {
    const dir = join(outdir, CHECK_RECORDS_DIR);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${pack}.json`), JSON.stringify(this.record(pack)));
  }
}

/** The records {@link CheckLog.writeTo} left in a cloud assembly, in report order (PACK_NAMES, then any other pack). */
export function readCheckRecords(outdir: string): PackCheckRecord[] {
  const dir = join(outdir, CHECK_RECORDS_DIR);
  if (!existsSync(dir)) return [];
  const records = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as PackCheckRecord);
  const order: readonly string[] = PACK_NAMES;
  const rank = (pack: string): number => (order.includes(pack) ? order.indexOf(pack) : order.length);
  return records.sort((a, b) => rank(a.pack) - rank(b.pack));
}
