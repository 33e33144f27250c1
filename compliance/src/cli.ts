/**
 * `npm run compliance`: synthesizes both stages with the compliance gate in report mode, runs
 * checkov over the templates, verifies the HIPAA matrix, writes
 * compliance/reports/compliance-report.{md,html}, and exits non-zero on any unacknowledged
 * cdk-nag finding or unexplained checkov failure.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ACKNOWLEDGEMENTS } from './acknowledgements.ts';
import { readCheckRecords } from './check-log.ts';
import { TEMPLATE_CHECKOV_EXPLANATIONS } from './checkov-explanations.ts';
import { HIPAA_MATRIX } from './hipaa-matrix.ts';
import { verifyMatrix } from './hipaa-matrix-links.ts';
import { knownNagRuleIds } from './known-rule-ids.ts';
import { checkovSection, parseCheckovOutput, type CheckovSection } from './report/checkov-results.ts';
import { buildComplianceReport } from './report/compliance-report.ts';
import { renderHtml } from './report/render-html.ts';
import { renderMarkdown } from './report/render-markdown.ts';
import { readValidationReport } from './report/validation-report.ts';
import { ensureCheckov, runCheckov } from './run/run-checkov.ts';
import { synthesizeApp } from '../../platform/src/synthesize-app.ts';
import { applyTemplateCheckovSkips } from './template-checkov-skips.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPORTS_DIR = join(REPO_ROOT, 'compliance', 'reports');

const HELP = `Usage: npm run compliance [-- options]

Synthesizes both stages (Development, Production) with cdk-nag's HIPAA Security, AWS Solutions
and Serverless packs plus the project pack, runs checkov on the templates, and writes
compliance/reports/compliance-report.md and .html. Exits 1 on any unacknowledged finding,
any failed checkov check without an explanation, or a pack that could not run.

Options:
  --out <dir>      cloud assembly folder (default: cdk.out/compliance-gate)
  --bundle         bundle the functions with esbuild as a deploy would (slower; findings do not depend on it)
  --skip-checkov   leave checkov out (quick local loop; the gate then fails, as CI must run it)
  --help           this text
`;

const say = (line: string): void => void process.stdout.write(`[compliance] ${line}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, bundle: { type: 'boolean' }, 'skip-checkov': { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const started = performance.now();
  // Inside cdk.out/ (git- and lint-ignored, like every cloud assembly), apart from the CLI's own output.
  const outdir = values.out ?? join(REPO_ROOT, 'cdk.out', 'compliance-gate');
  const seconds = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  say(`synthesizing both stages (gate in report mode${values.bundle ? '' : ', no bundling'}) into ${relative(REPO_ROOT, outdir) || outdir}`);
  await synthesizeApp({ repoRoot: REPO_ROOT, outdir, gate: 'report', bundle: values.bundle ?? false });
  const validation = readValidationReport(outdir);
  const checkRecords = readCheckRecords(outdir);
  say(`synthesized in ${seconds()}: ${checkRecords.map((r) => r.pack).join(', ') || 'no pack records'}`);

  let checkov: CheckovSection | { notRun: string };
  if (values['skip-checkov']) checkov = { notRun: 'skipped with --skip-checkov' };
  else {
    const added = applyTemplateCheckovSkips(outdir, TEMPLATE_CHECKOV_EXPLANATIONS);
    say(`explained ${added} check(s) on resources CDK creates during synthesis (template pass)`);
    const executable = await ensureCheckov(REPO_ROOT, say);
    say('running checkov on the templates');
    checkov = checkovSection(parseCheckovOutput(await runCheckov(executable, REPO_ROOT, outdir)));
    say(`checkov done at ${seconds()}: ${checkov.passed} passed, ${checkov.failed.length} failed, ${checkov.skipped.length} explained`);
  }
  const checkovIds = 'notRun' in checkov ? undefined : checkov.evaluatedCheckIds;

  say('verifying the HIPAA matrix against the tests and the packs');
  const matrix = verifyMatrix(HIPAA_MATRIX, { repoRoot: REPO_ROOT, nagRuleIds: knownNagRuleIds(), checkovIds });

  const report = buildComplianceReport({
    validation,
    checkRecords,
    declaredAcknowledgements: ACKNOWLEDGEMENTS,
    checkov,
    matrix,
    durationMs: performance.now() - started,
  });
  mkdirSync(REPORTS_DIR, { recursive: true });
  const markdown = renderMarkdown(report);
  writeFileSync(join(REPORTS_DIR, 'compliance-report.md'), markdown);
  writeFileSync(join(REPORTS_DIR, 'compliance-report.html'), renderHtml(markdown));

  const gaps = matrix.reduce((n, r) => n + r.gaps.length, 0);
  say(`cdk-nag: ${report.openFindings} open finding(s), ${report.acknowledgedFindings} acknowledged by ${report.declaredAcknowledgements} entries; HIPAA matrix: ${gaps} gap(s)`);
  for (const a of report.unusedAcknowledgements) say(`  unused acknowledgement (finding fixed or construct moved): ${a.pack}::${a.finding}`);
  for (const pack of report.packs) {
    for (const rule of pack.rules) for (const v of rule.violations) say(`  open: ${v.findingId} on ${v.constructPaths.join(', ')}`);
  }
  if (!('notRun' in checkov)) for (const f of checkov.failed) say(`  checkov failed: ${f.checkId} on ${f.constructPath ?? f.resource}`);
  say(`report: ${relative(REPO_ROOT, join(REPORTS_DIR, 'compliance-report.md'))} (and .html), ${seconds()} in all`);
  if (report.passed) {
    say('PASSED');
    return 0;
  }
  for (const failure of report.failures) say(`FAILED: ${failure}`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`[compliance] error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
