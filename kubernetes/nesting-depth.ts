/**
 * The deepest nesting of mappings and sequences job-x reads in a document. No field of a Job or
 * CronJob nests past about 20 levels (a pod's node affinity is among the deepest); the readers
 * and walks that follow (the yaml package's composer, copies, diffs) are recursive, and past a
 * thousand levels or so they overflow the stack at a depth that depends on the caller and the
 * JIT. A fixed limit makes the answer the same every time: the document is refused, never half
 * read. (kubectl's and the API server's decoders stop at 10,000.)
 */
export const MAX_NESTING_DEPTH = 256;

/** A value nests deeper than MAX_NESTING_DEPTH (see toDecodedJsonCopy): the reader refuses the document. */
export class NestingTooDeepError extends Error {
  override name = 'NestingTooDeepError';
}

/**
 * Whether a value decoded from JSON nests mappings and sequences deeper than `limit`.
 * For trees (what JSON.parse builds): a shared subtree is walked once per place it appears, and
 * a cycle ends the walk as soon as it passes the limit. Recursive, one frame per level of
 * mappings and sequences and never more than `limit` + 1 (so `limit` stays small, as
 * MAX_NESTING_DEPTH is): a tuple per value on a stack of its own cost an AdmissionReview's
 * decoding a tenth of its time.
 */
export function nestsDeeperThan(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  return typeof value === 'object' && value !== null && containerNestsDeeper(value, 1, limit);
}

function containerNestsDeeper(container: object, depth: number, limit: number): boolean {
  if (depth > limit) return true;
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const item: unknown = container[i];
      if (typeof item === 'object' && item !== null && containerNestsDeeper(item, depth + 1, limit)) return true;
    }
    return false;
  }
  // for-in: own enumerable keys (a plain or decoded object inherits no enumerable member), no keys array.
  for (const key in container) {
    const item = (container as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && containerNestsDeeper(item, depth + 1, limit)) return true;
  }
  return false;
}
