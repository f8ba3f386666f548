import { isJobKind, type ResolvedPolicy } from '../../policy/index.ts';
import { describeError, isObject, str } from '../../kubernetes/index.ts';
import { parseSource } from '../yaml/index.ts';
import { explainObject } from './explain-object.ts';
import type { Explanation } from './explanation.ts';

/** An object of the manifest that is not a Job or CronJob (explain says it skipped it). */
export interface SkippedObject {
  readonly document: number;
  readonly item?: number;
  readonly kind: string | null;
  readonly name: string | null;
}

/** A document that could not be read (YAML syntax, duplicate key, too large). */
export interface ManifestProblem {
  readonly document: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ManifestExplanation {
  readonly explanations: Explanation[];
  readonly skipped: SkippedObject[];
  readonly problems: ManifestProblem[];
}

/**
 * Explains every Job and CronJob of a manifest, in document order, reading it as `lint` does
 * (multi-document YAML, JSON, `kind: List`, scalars as go-yaml v2 reads them, duplicate keys refused).
 */
export function explainManifest(file: string, text: string, policy: ResolvedPolicy): ManifestExplanation {
  const parsed = parseSource(text);
  const explanations: Explanation[] = [];
  const skipped: SkippedObject[] = [];
  const failures: ManifestProblem[] = [];
  for (const object of parsed.objects) {
    const position = { document: object.document, ...(object.item !== undefined ? { item: object.item } : {}) };
    if (!isJobKind(object.value) || !isObject(object.value)) {
      const value = isObject(object.value) ? object.value : undefined;
      const metadata = value && isObject(value.metadata) ? value.metadata : undefined;
      skipped.push({ ...position, kind: str(value, 'kind') ?? null, name: str(metadata, 'name') ?? null });
      continue;
    }
    try {
      explanations.push(explainObject(object.value, { policy, source: { type: 'manifest', file, ...position } }));
    } catch (error) {
      // A bug met on one object is reported on it; the other objects are still explained.
      failures.push({
        document: object.document,
        ...object.locate(''),
        message: `job-x could not explain this object: ${describeError(error)} (please report this)`,
      });
    }
  }
  // Warnings (a typographic quote kept in a value) do not stop the explanation; lint reports them.
  const problems = parsed.problems
    .filter((problem) => problem.severity !== 'warning')
    .map(({ document, line, column, message }) => ({ document, line, column, message }));
  problems.push(...failures);
  return { explanations, skipped, problems };
}
