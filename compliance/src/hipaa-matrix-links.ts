/**
 * Verifies the HIPAA matrix against the repository and the packs: every named test file exists
 * and contains the named title, every nag rule id is one the packs apply, every checkov id was
 * evaluated by the run (when there was one). Anything else is a gap, shown in the report.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MatrixRow, TestLink } from './hipaa-matrix.ts';

export type LinkStatus = 'ok' | 'missing';

export interface VerifiedRow {
  readonly row: MatrixRow;
  readonly rules: { id: string; status: LinkStatus; why?: string }[];
  readonly tests: { link: TestLink; status: LinkStatus; why?: string }[];
  /** Human-readable gaps of this row (broken links, no rule and no reason, no test). */
  readonly gaps: string[];
}

export interface MatrixVerificationInput {
  readonly repoRoot: string;
  /** Every finding id the nag packs apply (bare, without `[…]`). */
  readonly nagRuleIds: ReadonlySet<string>;
  /** Checkov check ids the run evaluated; undefined when checkov did not run. */
  readonly checkovIds?: ReadonlySet<string>;
}

const isCheckovId = (id: string): boolean => /^CKV2?_AWS_\d+$/.test(id);

function verifyRule(id: string, input: MatrixVerificationInput): { id: string; status: LinkStatus; why?: string } {
  if (isCheckovId(id)) {
    if (input.checkovIds === undefined || input.checkovIds.has(id)) return { id, status: 'ok' };
    return { id, status: 'missing', why: 'checkov did not evaluate this check on the templates' };
  }
  return input.nagRuleIds.has(id) ? { id, status: 'ok' } : { id, status: 'missing', why: 'no pack applies a rule with this id' };
}

function verifyTest(link: TestLink, repoRoot: string): { link: TestLink; status: LinkStatus; why?: string } {
  const path = join(repoRoot, link.file);
  if (!existsSync(path)) return { link, status: 'missing', why: 'test file does not exist' };
  return readFileSync(path, 'utf8').includes(link.title) ? { link, status: 'ok' } : { link, status: 'missing', why: 'no test with this title in the file' };
}

export function verifyMatrix(matrix: readonly MatrixRow[], input: MatrixVerificationInput): VerifiedRow[] {
  const cache = new Map<string, ReturnType<typeof verifyTest>>();
  return matrix.map((row) => {
    const rules = row.rules.map((id) => verifyRule(id, input));
    const tests = row.tests.map((link) => {
      const key = `${link.file}\u0000${link.title}`;
      const verified = cache.get(key) ?? verifyTest(link, input.repoRoot);
      cache.set(key, verified);
      return { ...verified, link };
    });
    const gaps = [
      ...rules.filter((r) => r.status === 'missing').map((r) => `rule ${r.id}: ${r.why ?? ''}`),
      ...tests.filter((t) => t.status === 'missing').map((t) => `test "${t.link.title}" in ${t.link.file}: ${t.why ?? ''}`),
    ];
    if (row.rules.length === 0 && !row.noRuleBecause) gaps.push('no rule checks this specification and no reason is given');
    if (row.tests.length === 0) gaps.push(`no runtime test${row.awaitingTests ? ` (awaiting: ${row.awaitingTests})` : ''}`);
    return { row, rules, tests, gaps };
  });
}
