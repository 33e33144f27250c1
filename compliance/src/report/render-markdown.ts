/**
 * The compliance report as Markdown: verdict first, then per pack and rule what was checked,
 * what is open and what is acknowledged (with reason and construct), checkov, and the HIPAA
 * matrix with its gaps.
 * @module
 */
import type { ComplianceReport, PackSummary } from './compliance-report.ts';

/** Free text (reasons, descriptions): `<…>` placeholders such as `<table>` must not become HTML tags in the HTML report. */
const text = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\*/g, '\\*'); // `*.cloudfront.net` is not emphasis
const cell = (value: string): string => text(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function packSection(pack: PackSummary): string[] {
  const lines = [`### ${pack.pack}`, ''];
  lines.push(
    `${pack.rules.filter((r) => r.checked > 0).length} rules applied to resources in this app; ${pack.rulesWithNothingToCheck} found nothing of their type. ` +
      `Open findings: **${pack.findings}**; acknowledged: **${pack.acknowledgedFindings}**.`,
    '',
    '| Rule | Resources checked | Compliant | Open findings | Acknowledged |',
    '|---|---:|---:|---:|---:|',
  );
  for (const rule of pack.rules) {
    const open = rule.violations.reduce((n, v) => n + v.constructPaths.length, 0);
    const acked = rule.acknowledged.reduce((n, v) => n + v.constructPaths.length, 0);
    lines.push(`| ${code(rule.ruleId)} | ${rule.checked} | ${rule.compliant} | ${open > 0 ? `**${open}**` : '0'} | ${acked} |`);
  }
  const open = pack.rules.flatMap((r) => r.violations.map((v) => ({ rule: r, v })));
  if (open.length > 0) {
    lines.push('', '#### Open findings', '');
    for (const { rule, v } of open) {
      lines.push(`- ${code(v.findingId)} (${v.severity}): ${text(rule.description ?? '')}`);
      for (const path of v.constructPaths) lines.push(`  - ${code(path)}`);
    }
  }
  const acked = pack.rules.flatMap((r) => r.acknowledged);
  if (acked.length > 0) {
    lines.push('', '#### Acknowledgements', '', '| Finding | Acknowledged on | Resources | Reason |', '|---|---|---|---|');
    for (const a of acked) {
      lines.push(`| ${code(a.findingId)} | ${code(a.acknowledgedAt)} | ${a.constructPaths.map((p) => code(p)).join('<br>')} | ${cell(a.reason)} |`);
    }
  }
  lines.push('');
  return lines;
}

export function renderMarkdown(report: ComplianceReport): string {
  const lines: string[] = ['# Serenya compliance report', ''];
  const gaps = report.matrix.reduce((n, r) => n + r.gaps.length, 0);
  lines.push(
    `**Verdict: ${report.passed ? 'PASSED' : 'FAILED'}** · generated ${report.generatedAt} in ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    '| | |',
    '|---|---|',
    `| cdk-nag open findings | ${report.openFindings} |`,
    `| cdk-nag acknowledged findings | ${report.acknowledgedFindings} (from ${report.declaredAcknowledgements} entries in \`compliance/src/acknowledgements.ts\`, ${report.unusedAcknowledgements.length} unused) |`,
  );
  if ('notRun' in report.checkov) lines.push(`| checkov | not run: ${cell(report.checkov.notRun)} |`);
  else {
    lines.push(
      `| checkov ${report.checkov.version} passed / failed / explained | ${report.checkov.passed} / ${report.checkov.failed.length} / ${report.checkov.skipped.length} (on ${report.checkov.resourceCount} resources) |`,
    );
  }
  lines.push(`| HIPAA matrix gaps | ${gaps} |`, '');
  if (report.failures.length > 0) {
    lines.push('## Why the gate fails', '');
    for (const f of report.failures) lines.push(`- ${f}`);
    lines.push('');
  }

  lines.push(
    '## cdk-nag',
    '',
    'Every stack of both stages, through CDK validation plugins. "Resources checked" counts the resources a rule applied to; an acknowledged finding names the construct the acknowledgement sits on (it covers that subtree) and its reason.',
    '',
  );
  for (const pack of report.packs) lines.push(...packSection(pack));

  if (report.unusedAcknowledgements.length > 0) {
    lines.push('### Unused acknowledgements', '', 'Declared in `compliance/src/acknowledgements.ts` but matching no finding: the finding was fixed or the construct moved. Remove or re-target them.', '');
    for (const a of report.unusedAcknowledgements) lines.push(`- ${code(`${a.pack}::${a.finding}`)} at ${code(typeof a.at === 'string' ? a.at : 'finder')}`);
    lines.push('');
  }
  for (const plugin of report.otherPlugins) {
    lines.push(`### ${plugin.name} (${plugin.conclusion})`, '');
    for (const v of plugin.violations) lines.push(`- ${code(v.findingId)} (${v.severity}) on ${v.constructPaths.map((p) => code(p)).join(', ')}`);
    lines.push('');
  }

  lines.push('## checkov', '');
  if ('notRun' in report.checkov) lines.push(`Not run: ${report.checkov.notRun}`, '');
  else {
    lines.push(`checkov ${report.checkov.version} over the synthesized templates (config: \`.checkov.yaml\`).`, '');
    if (report.checkov.failed.length > 0) {
      lines.push('### Failed checks (neither fixed nor explained)', '', '| Check | Resource | Construct | Template |', '|---|---|---|---|');
      for (const f of report.checkov.failed) lines.push(`| ${code(f.checkId)} ${cell(f.checkName)} | ${code(f.resource)} | ${f.constructPath ? code(f.constructPath) : ''} | ${code(f.template)} |`);
      lines.push('');
    }
    lines.push('### Explained checks', '', 'Each is a `Metadata.checkov.skip` entry on the resource, written by `compliance/src/checkov-explanations.ts`.', '');
    if (report.checkov.skipped.length === 0) lines.push('None.', '');
    else {
      lines.push('| Check | Construct | Explanation |', '|---|---|---|');
      for (const f of report.checkov.skipped) lines.push(`| ${code(f.checkId)} ${cell(f.checkName)} | ${code(f.constructPath ?? f.resource)} | ${cell(f.comment ?? '')} |`);
      lines.push('');
    }
  }

  lines.push(
    '## HIPAA Security Rule, 45 CFR 164.312',
    '',
    'Each implementation specification → the controls in this stack → the rules that check them at synth → the runtime tests that prove them. ✓ = the rule exists in a pack (or checkov evaluated it) / the test exists; ✗ = a broken link.',
    '',
  );
  for (const v of report.matrix) {
    const { row } = v;
    lines.push(`### ${row.section} ${row.name} (${row.kind})`, '');
    lines.push('Controls:', '');
    for (const c of row.controls) lines.push(`- ${text(c)}`);
    lines.push('', 'Rules:', '');
    if (v.rules.length === 0) lines.push(`- none: ${row.noRuleBecause ?? '**gap**'}`);
    for (const r of v.rules) lines.push(`- ${r.status === 'ok' ? '✓' : '✗'} ${code(r.id)}${r.why ? ` (${r.why})` : ''}`);
    lines.push('', 'Runtime tests:', '');
    if (v.tests.length === 0) lines.push(`- none yet${row.awaitingTests ? `: ${row.awaitingTests}` : ''}`);
    for (const t of v.tests) lines.push(`- ${t.status === 'ok' ? '✓' : '✗'} ${code(t.link.file)}: "${text(t.link.title)}"${t.why ? ` (${t.why})` : ''}`);
    if (v.gaps.length > 0) {
      lines.push('', '**Gaps:**', '');
      for (const g of v.gaps) lines.push(`- ${g}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
