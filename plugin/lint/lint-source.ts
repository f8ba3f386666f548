import { evaluate, isJobKind, toJobView, type Finding, type JobKind, type ResolvedPolicy } from '../../policy/index.ts';
import { readSourceParts, type ParsedSource } from '../yaml/index.ts';

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

/** The results of one part of a source (a run of its documents), in document order. */
export interface LintPart {
  readonly results: ObjectResult[];
  /** Objects of the part that are not Jobs or CronJobs. */
  readonly skipped: number;
}

/** Lints one file's text: pure, so the CLI, tests and benchmarks share it. */
export function lintSource(file: string, text: string, policy: ResolvedPolicy): SourceResult {
  const results: ObjectResult[] = [];
  let skipped = 0;
  for (const part of lintSourceParts(file, text, policy)) {
    for (const result of part.results) results.push(result);
    skipped += part.skipped;
  }
  return { file, results, skipped };
}

/**
 * Lints a text a part at a time (see readSourceParts): the caller writes each part's results and
 * lets them go before the next part is read, so a large file never has all its documents and
 * results in memory at once. The parts together give lintSource's results, in the same order.
 */
export function* lintSourceParts(file: string, text: string, policy: ResolvedPolicy): Generator<LintPart> {
  for (const parsed of readSourceParts(text)) yield lintParsed(file, parsed, policy);
}

function lintParsed(file: string, parsed: ParsedSource, policy: ResolvedPolicy): LintPart {
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
    const view = toJobView(object.value as Record<string, unknown>);
    const findings = evaluate(view, policy, 'lint')
      .map((finding) => ({ ...finding, ...object.locate(finding.path) }))
      .sort((a, b) => rank(a)[0]! - rank(b)[0]! || rank(a)[1]! - rank(b)[1]! || a.ruleId.localeCompare(b.ruleId));
    results.push({
      file,
      document: object.document,
      ...(object.item !== undefined ? { item: object.item } : {}),
      ...(object.itemPath !== undefined ? { itemPath: object.itemPath } : {}),
      kind: view.kind,
      namespace: view.namespace ?? null,
      name: view.name ?? null,
      findings,
    });
  }
  // Parts hold whole documents, in order: sorting each part sorts the whole.
  results.sort((a, b) => a.document - b.document || compareItems(a, b));
  return { results, skipped };
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
