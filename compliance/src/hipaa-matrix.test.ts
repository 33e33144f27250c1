import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HIPAA_MATRIX, type MatrixRow } from './hipaa-matrix.ts';
import { verifyMatrix } from './hipaa-matrix-links.ts';
import { knownNagRuleIds, packRuleIds } from './known-rule-ids.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const nagRuleIds = knownNagRuleIds();

const SPECIFICATIONS = [
  '164.312(a)(1)',
  '164.312(a)(2)(i)',
  '164.312(a)(2)(ii)',
  '164.312(a)(2)(iii)',
  '164.312(a)(2)(iv)',
  '164.312(b)',
  '164.312(c)(1)',
  '164.312(c)(2)',
  '164.312(d)',
  '164.312(e)(1)',
  '164.312(e)(2)(i)',
  '164.312(e)(2)(ii)',
];

describe('the HIPAA matrix', { timeout: 30_000 }, () => {
  it('has one row per 164.312 implementation specification, in order', () => {
    expect(HIPAA_MATRIX.map((r) => r.section)).toEqual(SPECIFICATIONS);
  });

  it('names only tests that exist and rule ids the packs apply (no broken link)', () => {
    const broken = verifyMatrix(HIPAA_MATRIX, { repoRoot, nagRuleIds }).flatMap((v) => v.gaps.filter((g) => !g.startsWith('no runtime test (awaiting')));
    expect(broken).toEqual([]);
  });

  it('leaves a row without runtime evidence only with a stated reason for the wait', () => {
    const silent = HIPAA_MATRIX.filter((r) => r.tests.length === 0 && !r.awaitingTests).map((r) => r.section);
    expect(silent).toEqual([]);
  });
});

describe('verifyMatrix', { timeout: 30_000 }, () => {
  const row: MatrixRow = {
    section: '164.312(x)',
    name: 'fixture',
    kind: 'Standard',
    controls: [],
    rules: ['HIPAA.Security-RDSStorageEncrypted', 'HIPAA.Security-NoSuchRule', 'CKV_AWS_119', 'CKV_AWS_999'],
    tests: [
      { file: 'services/ownership.integration.test.ts', title: "never lists another user's results in the timeline" },
      { file: 'services/ownership.integration.test.ts', title: 'a title nobody wrote' },
      { file: 'services/no-such.test.ts', title: 'anything' },
    ],
  };

  it('shows a missing rule, test title, test file and unevaluated checkov check as gaps', () => {
    const [verified] = verifyMatrix([row], { repoRoot, nagRuleIds, checkovIds: new Set(['CKV_AWS_119']) });
    expect(verified?.gaps).toEqual([
      'rule HIPAA.Security-NoSuchRule: no pack applies a rule with this id',
      'rule CKV_AWS_999: checkov did not evaluate this check on the templates',
      'test "a title nobody wrote" in services/ownership.integration.test.ts: no test with this title in the file',
      'test "anything" in services/no-such.test.ts: test file does not exist',
    ]);
  });

  it('calls a row with neither rules nor a reason, or without tests, a gap', () => {
    const [verified] = verifyMatrix([{ ...row, rules: [], tests: [] }], { repoRoot, nagRuleIds });
    expect(verified?.gaps).toEqual(['no rule checks this specification and no reason is given', 'no runtime test']);
  });
});

describe('packRuleIds', { timeout: 30_000 }, () => {
  it('lists every rule of the four packs, the project rules included', () => {
    const byPack = new Map(packRuleIds().map((p) => [p.pack, p.ruleIds]));
    expect([...byPack.keys()]).toEqual(['HIPAA.Security', 'AwsSolutions', 'Serverless', 'Serenya']);
    expect(byPack.get('HIPAA.Security')?.length).toBeGreaterThan(80);
    expect(byPack.get('Serenya')).toContain('Serenya-KmsSymmetricKeyRotation');
    expect(byPack.get('AwsSolutions')).toContain('AwsSolutions-IAM5');
  });
});
