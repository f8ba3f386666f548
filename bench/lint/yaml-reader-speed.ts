/**
 * `node bench/lint/yaml-reader-speed.ts [--count N] [--reps N]`: the measurement behind
 * plugin/yaml/yaml-fast-reader.ts. It reads the texts of the bench:lint corpus (generated in
 * memory, default seed) with both of lint's readers, in the same run, alternating:
 *
 *   fast  parseSource: the hand-written single-pass reader (the `yaml` package only where it gives up)
 *   full  parseWithYamlPackage: the `yaml` package's document model with line counting
 *
 * and prints the median time of each over all the texts and the ratio, after checking that both
 * give the same values for every text. Exit 1 when they disagree.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseSource } from '../../plugin/yaml/source-parts.ts';
import { readYamlFast } from '../../plugin/yaml/yaml-fast-reader.ts';
import { parseWithYamlPackage } from '../../plugin/yaml/yaml-full-parser.ts';
import { parseBenchOptions } from '../bench-options.ts';
import { median } from '../statistics.ts';
import { buildCorpus } from './generate-corpus.ts';

const { values: argv, positiveInt } = parseBenchOptions(
  'yaml-reader-speed',
  'yaml-reader-speed.ts [--count N] [--reps N]',
  { count: { type: 'string' }, reps: { type: 'string' } },
);
const COUNT = positiveInt('count', argv.count, 2000);
const REPS = positiveInt('reps', argv.reps, 7);

const { texts } = buildCorpus({ count: COUNT });
const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
const handled = texts.filter((text) => readYamlFast(text) !== undefined).length;

const values = (read: typeof parseSource, text: string) => read(text).objects.map((object) => object.value);
const disagree = texts.filter(
  (text) => !isDeepStrictEqual(values(parseSource, text), values(parseWithYamlPackage, text)),
);
if (disagree.length > 0) {
  process.stderr.write(`the readers disagree on ${disagree.length} texts, e.g.:\n${disagree[0]}\n`);
  process.exit(1);
}

const time = (read: typeof parseSource): number => {
  const start = performance.now();
  for (const text of texts) read(text);
  return performance.now() - start;
};
// One warm-up round each, then alternating rounds.
time(parseSource);
time(parseWithYamlPackage);
const fast: number[] = [];
const full: number[] = [];
for (let rep = 0; rep < REPS; rep++) {
  fast.push(time(parseSource));
  full.push(time(parseWithYamlPackage));
}
const mib = bytes / 1024 / 1024;
const row = (name: string, ms: number) =>
  `${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${(mib / (ms / 1000)).toFixed(1).padStart(6)} MiB/s`;
console.log(
  `${COUNT} corpus texts, ${mib.toFixed(1)} MiB; the fast reader reads ${handled} of them itself; same values from both; median of ${REPS} (${process.version})`,
);
console.log(row('fast reader (parseSource)', median(fast)));
console.log(row('yaml package (parseWithYamlPackage)', median(full)));
console.log(`the fast reader takes ${(median(fast) / median(full)).toFixed(2)}× the yaml package's time`);
