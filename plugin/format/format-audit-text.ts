import type { Severity } from '../../policy/index.ts';
import type { AuditResult, AuditSummary } from '../../schemas/generated/audit-output.ts';
import type { AuditWriter } from './audit-writer.ts';
import type { Colors } from './colors.ts';
import { escapeText } from '../escape-text.ts';
import type { WriteText } from './lint-report.ts';
import { plural } from './plural.ts';
import { renderTable, type Cell } from './text-table.ts';

/** One table row of the objects, all that the text output keeps until the end (the summary comes first). */
type Row = readonly [
  namespace: string,
  kind: string,
  name: string,
  severity: Severity,
  rule: string,
  admission: string,
  field: string,
];

/**
 * The text output: a summary per rule and per namespace, then one kubectl-style row per finding.
 * The summary is printed first, so the rows (not the objects) are held until the end. Names and
 * messages are data: the table escapes them.
 */
export function auditTextWriter(write: WriteText, colors: Colors, width: number | undefined): AuditWriter {
  const rows: Row[] = [];
  const paint: Record<Severity, (text: string) => string> = {
    error: colors.red,
    warning: colors.yellow,
    info: colors.blue,
  };
  const effects = new Map<string, Map<string, number>>();
  return {
    result(result: AuditResult) {
      for (const f of result.findings) {
        rows.push([result.namespace, result.kind, result.name, f.severity, f.ruleId, f.admission, f.path]);
        const counts = effects.get(f.ruleId) ?? new Map<string, number>();
        counts.set(f.admission, (counts.get(f.admission) ?? 0) + 1);
        effects.set(f.ruleId, counts);
      }
    },
    end(summary: AuditSummary) {
      const lines: string[] = [];
      const judged = `${plural(summary.jobs, 'Job')} and ${plural(summary.cronJobs, 'CronJob')} judged with the ${escapeText(summary.policy)} policy`;
      const exempt = summary.exempt > 0 ? ` (${plural(summary.exempt, 'object')} in exempt namespaces not judged)` : '';
      if (rows.length === 0) {
        write(`${colors.green('✔')} no findings: ${judged}${exempt}\n`);
        return;
      }
      lines.push(`${judged}${exempt}: ${plural(summary.withFindings, 'object')} with findings.`, '');
      lines.push(
        ...renderTable(
          ['rule', 'findings', 'what the webhook would do'],
          Object.entries(summary.byRule).map(([rule, count]) => [
            rule,
            String(count),
            [...(effects.get(rule) ?? new Map<string, number>())].map(([effect, n]) => `${n} ${effect}`).join(', '),
          ]),
        ),
        '',
      );
      lines.push(
        ...renderTable(
          ['namespace', 'objects with findings'],
          Object.entries(summary.byNamespace).map(([ns, n]) => [ns, String(n)]),
        ),
        '',
      );
      lines.push(
        ...renderTable(
          ['namespace', 'kind', 'name', 'severity', 'rule', 'webhook', 'field'],
          rows.map(([namespace, kind, name, severity, rule, admission, field]): Cell[] => [
            namespace,
            kind,
            name,
            { text: severity, paint: paint[severity] },
            rule,
            admission,
            field,
          ]),
          { width, shrink: 2 },
        ),
      );
      const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.infos} info`;
      lines.push(
        '',
        summary.errors > 0 ? colors.red(colors.bold(`✖ ${counts}`)) : colors.yellow(colors.bold(`⚠ ${counts}`)),
      );
      lines.push(
        colors.dim('What each webhook value means, and every message: kubectl job-x audit -o json (README, "audit").'),
      );
      write(`${lines.join('\n')}\n`);
    },
  };
}
