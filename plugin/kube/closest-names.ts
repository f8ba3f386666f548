// "did you mean" for a Job name that does not exist: the names within a small edit distance,
// or that contain the name typed (or are contained in it), closest first.

/** Levenshtein distance (insertions, deletions, substitutions), O(a·b) time, O(b) memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Up to `max` candidates that look like a typo of `name`: an edit distance of at most a third of
 * the name's length (at least 1, at most 3), or a substring relation with at least 3 characters
 * in common. Sorted by distance, then alphabetically.
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === name) continue;
    const distance = editDistance(name, candidate);
    const related =
      Math.min(name.length, candidate.length) >= 3 && (candidate.includes(name) || name.includes(candidate));
    if (distance <= limit || related) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}
