import {
  evaluate,
  internalErrorFinding,
  isJobKind,
  toJobView,
  type Finding,
  type JobKind,
  type JobView,
  type ResolvedPolicy,
} from '../../policy/index.ts';
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
    const judged = judge(object.value as Record<string, unknown>, policy);
    const { view } = judged;
    const findings = judged.findings
      .map((finding) => ({ ...finding, ...object.locate(finding.path) }))
      .sort((a, b) => rank(a)[0]! - rank(b)[0]! || rank(a)[1]! - rank(b)[1]! || a.ruleId.localeCompare(b.ruleId));
    results.push({
      file,
      document: object.document,
      ...(object.item !== undefined ? { item: object.item } : {}),
      kind: view?.kind ?? null,
      namespace: view?.namespace ?? null,
      name: view?.name ?? null,
      findings,
    });
  }
  results.sort((a, b) => a.document - b.document || (a.item ?? 0) - (b.item ?? 0));
  return { file, results, skipped };
}

/**
 * The findings of one object. The engine already turns a failing rule into a finding; this also
 * covers the defaulting before it, so that a bug met on one object is reported on that object and
 * every other object and file is still linted (never a crash of the whole run).
 */
function judge(document: Record<string, unknown>, policy: ResolvedPolicy): { view?: JobView; findings: Finding[] } {
  let view: JobView | undefined;
  try {
    view = toJobView(document);
    return { view, findings: evaluate(view, policy, 'lint') };
  } catch (error) {
    return { view, findings: [internalErrorFinding('reading the object', error)] };
  }
}
