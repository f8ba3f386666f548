import { cloneDecoded, describeError, type JsonObject } from '../../kubernetes/index.ts';
import { evaluate, isJobKind, suppressedRuleIds, toJobView, type ResolvedPolicy } from '../../policy/index.ts';
import { yamlPackage } from '../../edge/index.ts';
import { carryEdits } from './carry-edits.ts';
import { editDocument } from './edit-document.ts';
import { diffLines, splitLines } from './unified-diff.ts';

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
 * quoting and flow style. A file the package does not print back byte for byte gets only the
 * lines the fix changed (carryEdits); refused (left alone) when they have no place in it, or
 * when the fixed text would not read as exactly the fixed objects.
 * A suppressed rule (ignore.job-x.dev/<rule-id>) is not fixed: the owner said no.
 */
export function fixSource(text: string, policy: ResolvedPolicy): FixOutcome {
  try {
    return fixDocuments(text, policy);
  } catch (error) {
    // An alias bomb, a shape no rule expected: lint reports it; --fix leaves the file alone.
    return { refused: `it cannot be fixed safely (${describeError(error).split('\n')[0]})` };
  }
}

function fixDocuments(text: string, policy: ResolvedPolicy): FixOutcome {
  const yaml = yamlPackage();
  const documents = yaml.parseAllDocuments(text, { version: '1.1' });
  if (!Array.isArray(documents) || documents.some((d) => d.errors.length > 0))
    return { refused: 'it is not valid YAML (lint reports where)' };
  const print = (options: (typeof STYLES)[number]) => documents.map((d) => d.toString(options)).join('');
  // The style that prints the file back closest to how it is written (exactly, most of the time).
  const printed = STYLES.map((options) => ({ options, text: print(options) }));
  const style = printed.find((p) => p.text === text) ?? closest(printed, text);
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
  const after = print(style.options);
  const fixed = style.text === text ? after : carryEdits(text, style.text, after);
  // Whatever the way, the fixed text must read as exactly the fixed objects.
  if (fixed === undefined || !sameDocuments(fixed, after))
    return { refused: 'the fix cannot be placed without reformatting the file (fix it by hand)' };
  return { text: fixed, fixes };
}

/** The printed text with the fewest lines that differ from the file. */
function closest<T extends { readonly text: string }>(printed: readonly T[], text: string): T {
  const differing = (p: T) => diffLines(splitLines(text), splitLines(p.text)).filter((op) => op.kind !== ' ').length;
  return printed.reduce((best, p) => (differing(p) < differing(best) ? p : best));
}

/** Whether two texts hold the same documents (as kubectl would read them: YAML 1.1). */
function sameDocuments(a: string, b: string): boolean {
  const read = (text: string) => {
    const documents = yamlPackage().parseAllDocuments(text, { version: '1.1' });
    if (!Array.isArray(documents) || documents.some((d) => d.errors.length > 0)) return undefined;
    return JSON.stringify(documents.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown));
  };
  const left = read(a);
  return left !== undefined && left === read(b);
}
