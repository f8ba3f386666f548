import { KUBE_VERSION_FINDINGS, type Rule, type Severity } from '../../policy/index.ts';
import { PARSER_FINDINGS, type ObjectResult } from '../lint/index.ts';
import { renderedPlace } from './rendered-location.ts';
import { indentedJson } from './indented-json.ts';
import { fixHintOf } from './fix-hint.ts';
import { renderReport, type LintReport, type LintWriter, type WriteText } from './lint-report.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifTool {
  readonly version: string;
  readonly informationUri: string;
  readonly rulesDocUri: string;
}

/** SARIF 2.1.0, one run, every rule described (with help text and URIs) for code scanning. */
export function formatLintSarif(report: LintReport, rules: readonly Rule[], tool: SarifTool): string {
  return renderReport(report, (write) => lintSarifWriter(write, rules, tool));
}

/**
 * SARIF a result at a time. The run's results come last in the document, after the rule
 * descriptors: the document is printed with no results, and cut where they go; each finding is
 * written there as it comes, in the bytes of `JSON.stringify(sarif, null, 2)` for the whole.
 */
export function lintSarifWriter(write: WriteText, rules: readonly Rule[], tool: SarifTool): LintWriter {
  const descriptors = ruleDescriptors(rules, tool);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const skeleton = `${JSON.stringify(sarifDocument(descriptors, tool), null, 2)}\n`;
  const at = skeleton.lastIndexOf(RESULTS_KEY) + RESULTS_KEY.length;
  // `"results": []`: the opening bracket stays with the head, the closing one goes with the tail.
  const head = skeleton.slice(0, at + 1);
  const tail = skeleton.slice(at + 2);
  let first = true;
  return {
    result(result) {
      for (const sarifResult of sarifResults(result, index)) {
        write(`${first ? `${head}\n${RESULT_INDENT}` : `,\n${RESULT_INDENT}`}${indentedJson(sarifResult, 4)}`);
        first = false;
      }
    },
    end() {
      write(first ? `${head}]${tail}` : `\n      ]${tail}`);
    },
  };
}

/** The key of the run's results, as the skeleton prints it (JSON strings escape their quotes: it cannot be inside one). */
const RESULTS_KEY = '"results": ';
/** Results are at depth 4 (the document, runs, the run, its results). */
const RESULT_INDENT = '        ';

function sarifDocument(descriptors: readonly unknown[], tool: SarifTool) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'job-x', version: tool.version, informationUri: tool.informationUri, rules: descriptors },
        },
        results: [],
      },
    ],
  };
}

function ruleDescriptors(rules: readonly Rule[], tool: SarifTool) {
  return [
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
    // Findings that are not rules of the registry: the parser's, and those of a target version.
    ...[
      ...PARSER_FINDINGS.map((finding) => ({ ...finding, origin: 'parser' })),
      ...KUBE_VERSION_FINDINGS.map((finding) => ({ ...finding, origin: 'apiserver' })),
    ].map(({ id, severity, description: text, origin }) => ({
      id,
      name: id,
      shortDescription: { text },
      help: { text },
      helpUri: `${tool.rulesDocUri}#${id}`,
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { origin },
    })),
  ];
}

function sarifResults(r: ObjectResult, index: ReadonlyMap<string, number>) {
  return r.findings.map((f) => ({
    ruleId: f.ruleId,
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: { text: `${f.path ? `${f.path}: ` : ''}${f.message}${renderedPlace(r, f)}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(r.file) },
          // A rendered finding's line is in the rendered text, not in the template: no region.
          ...(r.rendered ? {} : { region: { startLine: f.line, startColumn: f.column } }),
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
    // The rule's help has the rule's remediation; this is the one that fits this object.
    properties: fixHintOf(f),
  }));
}

/** Relative paths with forward slashes, as code scanning resolves them against the checkout. */
function toUri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}
