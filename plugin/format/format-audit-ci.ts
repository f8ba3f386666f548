// `audit -o sarif` and `-o github`: the lint formats, each finding located at its object
// (`namespaces/NS/jobs/NAME`, there being no file) and its message followed by what the webhook
// would do, so that code scanning and workflow annotations say it too.
import type { Rule, Severity } from '../../policy/index.ts';
import type { AuditResult } from '../../schemas/generated/audit-output.ts';
import type { ObjectResult } from '../lint/index.ts';
import type { AuditWriter } from './audit-writer.ts';
import { escapeData, escapeProperty } from './format-lint-github.ts';
import { lintSarifWriter, type SarifTool } from './format-lint-sarif.ts';
import type { WriteText } from './lint-report.ts';

const PLURAL = { Job: 'jobs', CronJob: 'cronjobs' } as const;
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Where an object is, in the API's path form (relative): namespaces/NS/jobs/NAME. */
export function objectLocation(result: AuditResult): string {
  return `namespaces/${result.namespace}/${PLURAL[result.kind]}/${result.name}`;
}

export function auditSarifWriter(write: WriteText, rules: readonly Rule[], tool: SarifTool): AuditWriter {
  const lint = lintSarifWriter(write, rules, tool);
  return {
    result: (result) => lint.result(toObjectResult(result)),
    end: () => lint.end({ files: 0, linted: 0, skipped: 0 }),
  };
}

/** One workflow command per finding: `::error title=job-x RULE::namespaces/NS/jobs/NAME spec.x: message (webhook: ...)`. */
export function auditGithubWriter(write: WriteText): AuditWriter {
  return {
    result(result) {
      for (const f of result.findings) {
        const message = `${objectLocation(result)} ${f.path ? `${f.path}: ` : ''}${f.message} (webhook: ${f.effect})`;
        write(`::${COMMAND[f.severity]} title=${escapeProperty(`job-x ${f.ruleId}`)}::${escapeData(message)}\n`);
      }
    },
    end: () => undefined,
  };
}

function toObjectResult(result: AuditResult): ObjectResult {
  return {
    file: objectLocation(result),
    document: 0,
    kind: result.kind,
    namespace: result.namespace,
    name: result.name,
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      origin: f.origin,
      path: f.path,
      message: `${f.message} (webhook: ${f.effect})`,
      line: 1,
      column: 1,
    })),
  };
}
