// What reading a page of pods into the Raw* shapes (kubernetes/to-raw-objects.ts) costs next to
// parsing it: 5,000 recorded pods (test/fixtures/snapshots/indexed-mixed-running, repeated), each
// round on a fresh parse, medians of 9 rounds, both in the same run. `node bench/kube/read-pods-cost.ts`
import { toRawPod } from '../../kubernetes/index.ts';
import { loadSnapshot } from '../../test/helpers/snapshot-fixtures.ts';
import { median } from '../statistics.ts';

const PODS = 5000;
const ROUNDS = 9;
const recorded = loadSnapshot('indexed-mixed-running').pods;
const text = JSON.stringify({
  kind: 'PodList',
  items: Array.from({ length: PODS }, (_, i) => recorded[i % recorded.length]),
});
const parse: number[] = [];
const read: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let started = performance.now();
  const { items } = JSON.parse(text) as { items: unknown[] };
  parse.push(performance.now() - started);
  started = performance.now();
  for (const item of items) toRawPod(item);
  read.push(performance.now() - started);
}
const ms = (values: number[]) => `${median(values).toFixed(1)} ms`;
console.log(
  `${PODS} pods, ${(text.length / 1024 / 1024).toFixed(1)} MiB of JSON: JSON.parse ${ms(parse)}, ` +
    `toRawPod ${ms(read)} (${((median(read) / median(parse)) * 100).toFixed(0)} % of the parse)`,
);
