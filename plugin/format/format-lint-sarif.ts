import type { Rule, Severity } from '../../policy/index.ts';
import type { LintReport } from './lint-report.ts';
import { PARSER_FINDINGS } from '../lint/index.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifTool {
  readonly version: string;
  readonly informationUri: string;
  readonly rulesDocUri: string;
}

/** SARIF 2.1.0, one run, every rule described (with help text and URIs) for code scanning. */
export function formatLintSarif(report: LintReport, rules: readonly Rule[], tool: SarifTool): string {
  const descriptors = [
    ...rules.map((rule) => ({
      id: rule.id,
      name: rule.id,
      shortDescription: { text: rule.docs.summary },
      fullDescription: { text: rule.docs.rationale },
      help: {
        text: `${rule.docs.rationale}\n\nFix: ${rule.docs.remediation}\n\nSee ${rule.docs.url}`,
        markdown: `${rule.docs.rationale}\n\n**Fix:** ${rule.docs.remediation}\n\n[Kubernetes documentation](${rule.docs.url}) · [job-x rule](${tool.rulesDocUri}#${rule.id})`,
      },
      helpUri: rule.docs.url,
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: {
        origin: rule.origin,
        stage: rule.stage,
        tags: [rule.origin === 'apiserver' ? 'api-server' : 'policy'],
      },
    })),
    ...PARSER_FINDINGS.map(({ id, severity, description: text }) => ({
      id,
      name: id,
      shortDescription: { text },
      help: { text },
      helpUri: `${tool.rulesDocUri}#${id}`,
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { origin: 'parser' },
    })),
  ];
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results = report.results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: `${f.path ? `${f.path}: ` : ''}${f.message}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(r.file) },
            region: { startLine: f.line, startColumn: f.column },
          },
          ...(f.path
            ? {
                logicalLocations: [
                  { fullyQualifiedName: `${r.kind ?? 'document'}/${r.name ?? r.document}.${f.path}`, kind: 'member' },
                ],
              }
            : {}),
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'job-x', version: tool.version, informationUri: tool.informationUri, rules: descriptors },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** Relative paths with forward slashes, as code scanning resolves them against the checkout. */
function toUri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}
