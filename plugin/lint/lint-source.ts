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
import { readSourceParts, type ParsedSource, type SourceObject } from '../yaml/index.ts';
import type { RenderedFrom } from './render/index.ts';

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
  /** For an object rendered from a chart or kustomization (then `file` is the template, lines those of its rendered text). */
  readonly rendered?: RenderedFrom;
}

export interface SourceResult {
  readonly file: string;
  readonly results: ObjectResult[];
  /** Objects that are not Jobs or CronJobs (or not Kubernetes objects at all). */
  readonly skipped: number;
}

/** Findings in the order of their place, then of their rule. */
const byPlace = (a: LintFinding, b: LintFinding): number =>
  a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);

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
  for (const parsed of readSourceParts(text)) yield* lintParsed(file, parsed, policy);
}

/** Results handed over at a time: a List of 20,000 Jobs is one document, but not one part. */
const RESULTS_PER_PART = 256;

/**
 * The results of what was read, in document order and, in a document, its own problems first,
 * then its objects in item order: as sorting them by (document, item path) would give.
 */
function* lintParsed(file: string, parsed: ParsedSource, policy: ResolvedPolicy): Generator<LintPart> {
  const { objects, problems } = parsed;
  if (!inItemOrder(objects) || problems.some((problem, i) => i > 0 && problem.document < problems[i - 1]!.document)) {
    // (The readers give both in order; should one not, sorting keeps the order right.)
    const results = problems.map((problem) => problemResult(file, problem));
    let skipped = 0;
    for (const part of lintParsedInOrder(file, { ...parsed, problems: [] }, policy)) {
      for (const result of part.results) results.push(result);
      skipped += part.skipped;
    }
    results.sort((a, b) => a.document - b.document || compareItems(a, b));
    yield { results, skipped };
    return;
  }
  yield* lintParsedInOrder(file, parsed, policy);
}

function* lintParsedInOrder(file: string, parsed: ParsedSource, policy: ResolvedPolicy): Generator<LintPart> {
  const { objects, problems } = parsed;
  let results: ObjectResult[] = [];
  let skipped = 0;
  let nextProblem = 0;
  for (const object of objects) {
    while (nextProblem < problems.length && problems[nextProblem]!.document <= object.document)
      results.push(problemResult(file, problems[nextProblem++]!));
    const result = lintObject(file, object, policy);
    if (result) results.push(result);
    else skipped++;
    if (results.length >= RESULTS_PER_PART) {
      yield { results, skipped };
      results = [];
      skipped = 0;
    }
  }
  while (nextProblem < problems.length) results.push(problemResult(file, problems[nextProblem++]!));
  yield { results, skipped };
}

/** Whether objects come by document, and in a document by item path. */
function inItemOrder(objects: readonly SourceObject[]): boolean {
  for (let i = 1; i < objects.length; i++) {
    const a = objects[i - 1]!;
    const b = objects[i]!;
    if (a.document > b.document || (a.document === b.document && compareItemPaths(pathOf(a), pathOf(b)) >= 0))
      return false;
  }
  return true;
}

function problemResult(file: string, problem: ParsedSource['problems'][number]): ObjectResult {
  return documentResult(file, problem.document, {
    ruleId: problem.ruleId,
    severity: problem.severity ?? 'error',
    message: problem.message,
    line: problem.line,
    column: problem.column,
  });
}

/** The result of one object, or undefined for one that is not linted (not a Job or CronJob). */
function lintObject(file: string, object: SourceObject, policy: ResolvedPolicy): ObjectResult | undefined {
  if (!isJobKind(object.value)) {
    if (Array.isArray(object.value) && object.value.some(isJobKind)) {
      const { line, column } = object.locate('');
      return documentResult(file, object.document, { ...NOT_AN_OBJECT, line, column });
    }
    return undefined;
  }
  const { view, findings: judged } = judge(object.value as Record<string, unknown>, policy);
  const findings = judged.map((finding) => ({ ...finding, ...object.locate(finding.path) })).sort(byPlace);
  return {
    file,
    document: object.document,
    ...(object.item !== undefined ? { item: object.item } : {}),
    ...(object.itemPath !== undefined ? { itemPath: object.itemPath } : {}),
    kind: view?.kind ?? null,
    namespace: view?.namespace ?? null,
    name: view?.name ?? null,
    findings,
  };
}

const pathOf = (x: { readonly item?: number; readonly itemPath?: readonly number[] }): readonly number[] =>
  x.itemPath ?? (x.item === undefined ? [] : [x.item]);

/** Document-level results first, then items in file order (an item path compared index by index). */
function compareItems(a: ObjectResult, b: ObjectResult): number {
  return compareItemPaths(pathOf(a), pathOf(b));
}

function compareItemPaths(left: readonly number[], right: readonly number[]): number {
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
