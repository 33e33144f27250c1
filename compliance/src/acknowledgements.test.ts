import { describe, expect, it } from 'vitest';
import { acknowledgementProblems } from './acknowledgement.ts';
import { ACKNOWLEDGEMENTS } from './acknowledgements.ts';
import { CHECKOV_EXPLANATIONS, TEMPLATE_CHECKOV_EXPLANATIONS } from './checkov-explanations.ts';
import { checkovSkipProblems } from './checkov-skip.ts';
import { knownNagRuleIds } from './known-rule-ids.ts';
import { ruleIdOf } from './report/validation-report.ts';

describe('the acknowledgements and checkov explanations of this app', { timeout: 30_000 }, () => {
  it('each have an exact finding of their own pack, a reason of 40+ characters and a reference', () => {
    expect(ACKNOWLEDGEMENTS.flatMap(acknowledgementProblems)).toEqual([]);
    expect(CHECKOV_EXPLANATIONS.flatMap(checkovSkipProblems)).toEqual([]);
    expect(TEMPLATE_CHECKOV_EXPLANATIONS.filter((s) => s.comment.length < 40)).toEqual([]);
  });

  it('acknowledge each finding on each target once', () => {
    const keys = ACKNOWLEDGEMENTS.filter((a) => typeof a.at === 'string').map((a) => `${a.finding} @ ${String(a.at)}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('name rules the packs really apply (a typo would acknowledge nothing)', () => {
    const known = knownNagRuleIds();
    expect(ACKNOWLEDGEMENTS.map((a) => ruleIdOf(a.finding)).filter((id) => !known.has(id))).toEqual([]);
  });

  it('never acknowledge a whole granular rule (IAM4, IAM5) without its finding', () => {
    expect(ACKNOWLEDGEMENTS.filter((a) => /-IAM[45]$/.test(a.finding))).toEqual([]);
  });
});
