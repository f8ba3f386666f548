import { evaluate, isJobKind, toJobView, type Finding, type JobKind, type ResolvedPolicy } from '../../policy/index.ts';
import { parseSource } from '../yaml/index.ts';

export interface LintFinding extends Finding {
  readonly line: number;
  readonly column: number;
}

/** One linted object (the `results[]` entry of `lint -o json`). */
export interface ObjectResult {
  readonly file: string;
  readonly document: number;
  readonly item?: number;
  readonly kind: JobKind | null;
  readonly namespace: string | null;
  readonly name: string | null;
  readonly findings: LintFinding[];
}

export interface SourceResult {
  readonly file: string;
  readonly results: ObjectResult[];
  /** Objects that are not Jobs or CronJobs (or not Kubernetes objects at all). */
  readonly skipped: number;
}

const rank = (f: LintFinding): number[] => [f.line, f.column];

/** Lints one file's text: pure, so the CLI, tests and benchmarks share it. */
export function lintSource(file: string, text: string, policy: ResolvedPolicy): SourceResult {
  const parsed = parseSource(text);
  const results: ObjectResult[] = parsed.problems.map((problem) => ({
    file,
    document: problem.document,
    kind: null,
    namespace: null,
    name: null,
    findings: [
      {
        ruleId: problem.ruleId,
        severity: 'error',
        origin: 'parser',
        path: '',
        message: problem.message,
        line: problem.line,
        column: problem.column,
      },
    ],
  }));
  let skipped = 0;
  for (const object of parsed.objects) {
    if (!isJobKind(object.value)) {
      skipped++;
      continue;
    }
    const view = toJobView(object.value as Record<string, unknown>);
    const findings = evaluate(view, policy, 'lint')
      .map((finding) => ({ ...finding, ...object.locate(finding.path) }))
      .sort((a, b) => rank(a)[0]! - rank(b)[0]! || rank(a)[1]! - rank(b)[1]! || a.ruleId.localeCompare(b.ruleId));
    results.push({
      file,
      document: object.document,
      ...(object.item !== undefined ? { item: object.item } : {}),
      kind: view.kind,
      namespace: view.namespace ?? null,
      name: view.name ?? null,
      findings,
    });
  }
  results.sort((a, b) => a.document - b.document || (a.item ?? 0) - (b.item ?? 0));
  return { file, results, skipped };
}
