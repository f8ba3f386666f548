import type { FuzzResult } from './fuzz-run.ts';

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The RFC 7386 merge patch that turns `base` into `target` (the corpus's `patch`). */
export function mergePatchFrom(base: Json, target: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(target)) return target;
  const patch: Record<string, Json> = {};
  for (const key of Object.keys(base)) if (!Object.hasOwn(target, key)) patch[key] = null;
  for (const [key, value] of Object.entries(target)) {
    if (!Object.hasOwn(base, key)) patch[key] = value;
    else if (JSON.stringify(base[key]) !== JSON.stringify(value)) {
      const inner = mergePatchFrom(base[key], value);
      if (!isPlainObject(inner) || Object.keys(inner).length > 0) patch[key] = inner;
    }
  }
  return patch;
}

/**
 * A disagreement as a case of test/corpus/create: what the server answered is the expectation,
 * so the case fails in the conformance tests until lint agrees.
 */
export function toCorpusCase(result: FuzzResult, bases: Record<string, Json>, seed: number): Record<string, Json> {
  const { mutant, answer } = result;
  const base = mutant.manifest.kind === 'CronJob' ? 'cronjob' : 'job';
  const expectation: Record<string, Json> =
    answer.status === 422 || answer.status < 300
      ? { errors: answer.causes.map((c) => ({ path: c.field, type: c.type })) }
      : {
          refused: {
            path: result.agreement.server[0]?.startsWith('decode: ')
              ? mutant.path
              : (result.agreement.server[0] ?? mutant.path),
            ...(answer.status === 400
              ? { message: answer.message.replace(/^.* cannot be handled as an? \w+: /, '') }
              : {}),
          },
        };
  return {
    name: `fuzz seed ${seed} mutant ${result.index}: ${mutant.mutation} at ${mutant.path}`,
    from: `npm run fuzz:apiserver -- --seed ${seed} (from ${result.seedName}); lint said: ${result.agreement.lint.join('; ') || '(accepts)'}`,
    base,
    patch: mergePatchFrom(bases[base], mutant.manifest),
    ...expectation,
  };
}
