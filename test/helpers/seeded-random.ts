import fc from 'fast-check';

/**
 * A reproducible stream of uniform numbers in [0, 1), drawn from fast-check's seeded generator
 * (pure-rand's xorshift128+, fast-check's default): the same seed gives the same stream on every
 * run and machine. For test data and benchmark inputs that must not change between runs; a
 * property test uses fast-check's arbitraries directly instead.
 */
export function seededRandom(seed: number): () => number {
  // Unbiased: fast-check's default bias favours small and extreme values, which would skew the
  // distribution the callers expect.
  const uint32 = fc.noBias(fc.integer({ min: 0, max: 0xffff_ffff }));
  const [stream] = fc.sample(fc.infiniteStream(uint32, { noHistory: true }), { seed, numRuns: 1 });
  const values = stream![Symbol.iterator]();
  return () => (values.next().value as number) / 2 ** 32;
}
