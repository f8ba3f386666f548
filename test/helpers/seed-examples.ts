import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The seed documents the product was created from, beside the repository as ../shared/seeds. */
export const SEEDS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');

export interface SeedExample {
  /** `<seed file>#<n>`: the n-th manifest-like code block of that file. */
  readonly id: string;
  readonly text: string;
}

/** Every fenced code block of the seeds that holds a Kubernetes manifest (it names a kind). */
export function seedExamples(): SeedExample[] {
  if (!existsSync(SEEDS_DIR))
    throw new Error(`the seed documents are read from ${SEEDS_DIR}: clone the repository beside shared/`);
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((file) => {
      const text = readFileSync(join(SEEDS_DIR, file), 'utf8');
      const blocks = [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
      return blocks.filter((b) => /^kind:/m.test(b)).map((b, i) => ({ id: `${file}#${i}`, text: b }));
    });
}
