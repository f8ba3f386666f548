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
  /** For an object of a List inside a List: the item indexes from the outer List in. */
  readonly itemPath?: readonly number[];
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
  const results: ObjectResult[] = parsed.problems.map((problem) =>
    documentResult(file, problem.document, {
      ruleId: problem.ruleId,
      severity: problem.severity ?? 'error',
      message: problem.message,
      line: problem.line,
      column: problem.column,
    }),
  );
  let skipped = 0;
  for (const object of parsed.objects) {
    if (!isJobKind(object.value)) {
      if (Array.isArray(object.value) && object.value.some(isJobKind)) {
        const { line, column } = object.locate('');
        results.push(documentResult(file, object.document, { ...NOT_AN_OBJECT, line, column }));
      } else skipped++;
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
      ...(object.itemPath !== undefined ? { itemPath: object.itemPath } : {}),
      kind: view?.kind ?? null,
      namespace: view?.namespace ?? null,
      name: view?.name ?? null,
      findings,
    });
  }
  results.sort((a, b) => a.document - b.document || compareItems(a, b));
  return { file, results, skipped };
}

/** Document-level results first, then items in file order (an item path compared index by index). */
function compareItems(a: ObjectResult, b: ObjectResult): number {
  const left = a.itemPath ?? (a.item === undefined ? [] : [a.item]);
  const right = b.itemPath ?? (b.item === undefined ? [] : [b.item]);
  for (let i = 0; i < Math.min(left.length, right.length); i++) if (left[i] !== right[i]) return left[i]! - right[i]!;
  return left.length - right.length;
}

type DocumentFinding = Pick<LintFinding, 'ruleId' | 'severity' | 'message' | 'line' | 'column'>;

const NOT_AN_OBJECT: Omit<DocumentFinding, 'line' | 'column'> = {
  ruleId: 'document-not-object',
  severity: 'error',
  message:
    'the document is a sequence, not an object: kubectl refuses it ("invalid object to validate"); write each item as a document of its own (separated by ---) or put them in a kind: List',
};

/** A finding about a document as a whole (it could not be read, or not as an object), from the parser. */
function documentResult(file: string, document: number, finding: DocumentFinding): ObjectResult {
  return {
    file,
    document,
    kind: null,
    namespace: null,
    name: null,
    findings: [{ ...finding, origin: 'parser', path: '' }],
  };
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
