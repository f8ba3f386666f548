import { cloneDecoded, type JsonObject } from '../../kubernetes/index.ts';
import { evaluate, isJobKind, suppressedRuleIds, toJobView, type ResolvedPolicy } from '../../policy/index.ts';
import { yamlPackage } from '../../edge/index.ts';
import { editDocument } from './edit-document.ts';

/** One change --fix made (or would make). */
export interface AppliedFix {
  readonly document: number;
  readonly object: string;
  readonly ruleId: string;
  readonly change: string;
}

export type FixOutcome =
  { readonly text: string; readonly fixes: readonly AppliedFix[] } | { readonly refused: string };

/** The ways the `yaml` package can print a document; a file is fixed only when one of them gives it back unchanged. */
const STYLES = [true, false].flatMap((indentSeq) =>
  [2, 4].map((indent) => ({ indentSeq, indent, lineWidth: 0, flowCollectionPadding: false })),
);

/**
 * `lint --fix` on one file's text: for each Job and CronJob, the rules that report it and have a
 * default (require-ttl's TTL, disruption-ignore-rule's Ignore rule: fixes that cannot change what
 * the Job does beyond the rule's intent) apply it, as the mutating webhook would, and the file is
 * edited node by node with the `yaml` package's Document API, which keeps comments, key order,
 * quoting and flow style. Refused (the file is left alone) when the package would not print the
 * file back exactly as it is: the fix would reformat lines it has no business touching.
 * A suppressed rule (ignore.job-x.dev/<rule-id>) is not fixed: the owner said no.
 */
export function fixSource(text: string, policy: ResolvedPolicy): FixOutcome {
  const yaml = yamlPackage();
  const documents = yaml.parseAllDocuments(text, { version: '1.1' });
  if (!Array.isArray(documents) || documents.some((d) => d.errors.length > 0))
    return { refused: 'it is not valid YAML (lint reports where)' };
  const style = STYLES.find((options) => documents.map((d) => d.toString(options)).join('') === text);
  if (!style) return { refused: 'the yaml package would not print it back unchanged (fix it by hand)' };
  const fixes: AppliedFix[] = [];
  for (const [index, document] of documents.entries()) {
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (!isJobKind(value)) continue;
    const before = value as JsonObject;
    let draft = before;
    let view = toJobView(before);
    const fired = new Set(evaluate(view, policy, 'lint').map((finding) => finding.ruleId));
    const suppressed = policy.allowSuppressions ? suppressedRuleIds(view) : new Set<string>();
    for (const { rule, options } of policy.rules) {
      if (!rule.applyDefault || !fired.has(rule.id) || suppressed.has(rule.id)) continue;
      const attempt = cloneDecoded(draft);
      const changes = rule.applyDefault(attempt, view, { options, allowSuppressions: policy.allowSuppressions });
      if (changes.length === 0) continue;
      draft = attempt;
      view = toJobView(draft);
      for (const change of changes)
        fixes.push({ document: index, object: `${view.kind} ${view.name ?? '(unnamed)'}`, ruleId: rule.id, change });
    }
    if (draft !== before) editDocument(document, before, draft);
  }
  if (fixes.length === 0) return { text, fixes };
  return { text: documents.map((d) => d.toString(style)).join(''), fixes };
}
