/**
 * The deepest nesting of mappings and sequences job-x reads in a document. No field of a Job or
 * CronJob nests past about 20 levels (a pod's node affinity is among the deepest); the readers
 * and walks that follow (the yaml package's composer, copies, diffs) are recursive, and past a
 * thousand levels or so they overflow the stack at a depth that depends on the caller and the
 * JIT. A fixed limit makes the answer the same every time: the document is refused, never half
 * read. (kubectl's and the API server's decoders stop at 10,000.)
 */
export const MAX_NESTING_DEPTH = 256;

/**
 * Whether a value decoded from JSON nests mappings and sequences deeper than `limit`; iterative.
 * For trees (what JSON.parse builds): a shared subtree is walked once per place it appears, and
 * a cycle ends the walk as soon as it passes the limit.
 */
export function nestsDeeperThan(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > limit) return true;
    if (Array.isArray(item)) for (const element of item) pending.push([element, depth + 1]);
    else for (const key of Object.keys(item)) pending.push([(item as Record<string, unknown>)[key], depth + 1]);
  }
  return false;
}
