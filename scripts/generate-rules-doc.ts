/**
 * Writes docs/rules.md from the rule registry; `--check` fails when the committed file is stale
 * (CI runs it, so the reference can never drift from the code).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { KUBE_VERSION_FINDINGS, RULES } from '../policy/index.ts';
import { SUPPRESSION_PREFIX } from '../policy/suppression.ts';
import { PARSER_FINDINGS } from '../plugin/lint/index.ts';

const OUT = 'docs/rules.md';

function render(): string {
  const lines: string[] = [
    '<!-- Generated from the rule registry by scripts/generate-rules-doc.ts (npm run generate). Do not edit. -->',
    '# job-x rules',
    '',
    'Every rule `kubectl job-x lint` and the admission webhook run. **Origin** `apiserver`: the Kubernetes API server',
    'itself rejects (severity error) or warns (severity warning), and job-x reports it at the same field path with the same',
    "error type; these cannot be reconfigured. **Origin** `policy`: job-x's own advice, which a policy file can switch off,",
    'change the level of, or configure. **Stage**: `lint` rules need the manifest as written (the API server defaults fields',
    'before a webhook sees them), `admission` rules only make sense in the cluster, `both` run everywhere.',
    '',
    `Suppress a \`policy\` rule for one object with the annotation \`${SUPPRESSION_PREFIX}<rule-id>: "<reason>"\` (the reason is required).`,
    '',
    '| Rule | Origin | Severity | Stage | Applies to | Summary |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const rule of RULES) {
    lines.push(
      `| [\`${rule.id}\`](#${rule.id}) | ${rule.origin} | ${rule.severity} | ${rule.stage} | ${(rule.kinds ?? ['Job', 'CronJob']).join(', ')} | ${rule.docs.summary.replace(/\|/g, '\\|')} |`,
    );
  }
  lines.push(
    '',
    `${RULES.length} rules: ${RULES.filter((r) => r.origin === 'apiserver').length} mirror the API server, ${RULES.filter((r) => r.origin === 'policy').length} are policy.`,
    '',
  );
  for (const rule of RULES) {
    lines.push(
      `## ${rule.id}`,
      '',
      rule.docs.summary,
      '',
      `- **Origin:** ${rule.origin} · **Severity:** ${rule.severity} · **Stage:** ${rule.stage}`,
    );
    if (rule.defaultOptions)
      lines.push(
        `- **Options:** ${Object.entries(rule.defaultOptions)
          .map(([k, v]) => `\`${k}\` (default \`${JSON.stringify(v)}\`)`)
          .join(', ')}`,
      );
    if (rule.applyDefault)
      lines.push('- **Default:** the mutating webhook can apply a fix (list the rule under `defaults` in the policy).');
    lines.push(
      '',
      `**Why.** ${rule.docs.rationale}`,
      '',
      `**Fix.** ${rule.docs.remediation}`,
      '',
      `**Reference:** ${rule.docs.url}`,
      '',
    );
  }
  lines.push(
    '## Findings about the source',
    '',
    'Origin `parser`: problems of the file itself, found before any rule runs (errors, but look-alike-quote, a warning).',
    '',
  );
  for (const { id, description } of PARSER_FINDINGS) lines.push(`### ${id}`, '', description, '');
  lines.push(
    '## Findings of a target Kubernetes version',
    '',
    'Origin `apiserver`, only with `lint --kube-version` (tables generated from each release by scripts/generate-kube-versions.ts). Findings of other rules under a field the version does not keep are dropped, and a rule about such a field is skipped.',
    '',
  );
  for (const { id, description } of KUBE_VERSION_FINDINGS) lines.push(`### ${id}`, '', description, '');
  return `${lines.join('\n').trimEnd()}\n`;
}

const content = render();
if (process.argv.includes('--check')) {
  const current = await readFile(OUT, 'utf8').catch(() => '');
  if (current !== content) {
    console.error(`${OUT} is out of date: run npm run generate`);
    process.exitCode = 1;
  }
} else {
  await writeFile(OUT, content);
}
