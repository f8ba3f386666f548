/**
 * `node bench/format/bench-table.ts`: the text views' table renderer (plugin/format/text-table.ts) against
 * cli-table3 with kubectl's borderless characters, on the tables the views print. A benchmark,
 * not a test: it prints figures and exits 0 (1 if the two renderers disagree on the text, 2 on
 * bad arguments).
 *
 * Shapes, each rendered by both in turn (A B A B ...), the ratio taken run by run:
 *   rules      `kubectl job-x rules`: the registry, 5 columns
 *   attempts   diagnose's timeline: 12 rows, 8 columns
 *   details    index-status --index of 1,000 indexes: 1,000 rows, 10 columns
 *   lint       lint -o text of --objects objects with 3 findings each: one small table per object
 * All get the same cells (ASCII, so that string-width, ./cell-width.ts and UTF-16 lengths agree)
 * and must print the same text, trailing blanks aside (cli-table3 pads the last column). The
 * hand-padded renderer, the views' code before, is the floor.
 *
 * cli-table3 is loaded with require() when it is installed; without it only job-x's figures are
 * printed. Options: --runs N (5), --objects N (10000).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { RULES } from '../../policy/index.ts';
import { renderTable } from '../../plugin/format/text-table.ts';
import { parseBenchOptions } from '../bench-options.ts';
import { median } from '../statistics.ts';

const { values: argv, positiveInt } = parseBenchOptions('bench-table', 'bench-table.ts [--runs N] [--objects N]', {
  runs: { type: 'string' },
  objects: { type: 'string' },
});
const RUNS = positiveInt('runs', argv.runs, 5);
const OBJECTS = positiveInt('objects', argv.objects, 10_000);

type Rows = string[][];
interface Shape {
  readonly name: string;
  readonly tables: readonly { readonly headers: string[] | null; readonly rows: Rows }[];
}

const shapes: Shape[] = [
  {
    name: 'rules',
    tables: [
      {
        headers: ['rule', 'origin', 'severity', 'stage', 'summary'],
        rows: RULES.map((r) => [r.id, r.origin, r.severity, r.stage, r.docs.summary]),
      },
    ],
  },
  {
    name: 'attempts',
    tables: [
      {
        headers: ['pod', 'index', 'started', 'ran', 'result', 'policy', 'counted', 'note'],
        rows: Array.from({ length: 12 }, (_, i) => [
          `render-${i}-x7k2q`,
          String(i),
          `+${i * 7}s`,
          `${i + 3}s`,
          i % 3 === 0 ? 'OOMKilled: exit 137 in main' : 'exit 1 in main',
          `rule ${i % 2} Count`,
          i % 2 === 0 ? 'yes' : 'no',
          'Back-off restarting failed container',
        ]),
      },
    ],
  },
  {
    name: 'details',
    tables: [
      {
        headers: ['index', 'state', 'failures', 'pod', 'attempt', 'phase', 'exit', 'reason', 'node', 'age'],
        rows: Array.from({ length: 1000 }, (_, i) => [
          String(i * 2 + 1),
          i % 4 === 0 ? 'failed' : 'active',
          `${i % 3}/2`,
          `render-${i * 2 + 1}-${i.toString(36)}`,
          String(i % 3),
          i % 4 === 0 ? 'Failed' : 'Running',
          i % 4 === 0 ? '1' : '-',
          i % 4 === 0 ? 'Error' : '-',
          `node-${i % 50}`,
          '30m',
        ]),
      },
    ],
  },
  {
    name: 'lint',
    tables: Array.from({ length: OBJECTS }, (_, i) => ({
      headers: null,
      rows: [
        [
          `${6 + (i % 3)}:1`,
          'warning',
          'spec.ttlSecondsAfterFinished: no TTL: the finished Job and its pods are never deleted  require-ttl',
        ],
        [
          `${9 + (i % 7)}:3`,
          'info',
          'spec.parallelism: up to 3 pods run at once; they must tolerate each other  concurrent-pods',
        ],
        [`${12 + (i % 11)}:7`, 'error', 'spec.template.spec.restartPolicy: Required value  restart-policy'],
      ],
    })),
  },
];

// ---------------------------------------------------------------- the two renderers

type Render = (headers: string[] | null, rows: Rows) => string;

const jobx: Render = (headers, rows) => renderTable(headers, rows).join('\n');

/**
 * The floor: what the views did before, padding by UTF-16 length with nothing escaped (right for
 * ASCII only). The ratio to it is what measuring terminal cells and escaping cost.
 */
const handPadded: Render = (headers, rows) => {
  const all = headers ? [headers.map((h) => h.toUpperCase()), ...rows] : rows;
  const widths = all[0]!.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!)))
      .join('   ')
      .trimEnd();
  return all.map(line).join('\n');
};

/** cli-table3 drawn as kubectl draws: no border, no padding, three spaces between columns. */
function cliTable3(): Render | undefined {
  let Table: new (options: object) => string[][] & { toString(): string };
  try {
    Table = createRequire(import.meta.url)('cli-table3');
  } catch {
    return undefined;
  }
  const none = ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right'];
  const sides = ['left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid'];
  const chars = Object.fromEntries([...none, ...sides].map((c) => [c, '']));
  return (headers, rows) => {
    const table = new Table({
      chars: { ...chars, middle: '   ' },
      style: { 'padding-left': 0, 'padding-right': 0, head: [], border: [] },
      head: headers?.map((h) => h.toUpperCase()) ?? [],
    });
    table.push(...rows);
    return table
      .toString()
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n');
  };
}

// ---------------------------------------------------------------- timing

function renderAll(render: Render, shape: Shape): { ms: number; text: string } {
  const start = performance.now();
  const text = shape.tables.map((t) => render(t.headers, t.rows)).join('\n');
  return { ms: performance.now() - start, text };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3));
const other = cliTable3();
let disagree = false;
console.log(`bench-table: ${RUNS} runs each, Node ${process.versions.node}; median wall ms, ratios run by run`);
const columns = ['job-x', 'hand-padded', 'job-x/hand', 'cli-table3', 'cli-table3/job-x'];
console.log(`${'shape'.padEnd(10)}${columns.map((c) => c.padStart(18)).join('')}`);
for (const shape of shapes) {
  for (const render of [jobx, handPadded, ...(other ? [other] : [])]) renderAll(render, shape); // warm-up
  const ours: number[] = [];
  const floor: number[] = [];
  const theirs: number[] = [];
  const overFloor: number[] = [];
  const overOurs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const a = renderAll(jobx, shape);
    const h = renderAll(handPadded, shape);
    ours.push(a.ms);
    floor.push(h.ms);
    overFloor.push(a.ms / h.ms);
    const b = other ? renderAll(other, shape) : undefined;
    if (b) {
      theirs.push(b.ms);
      overOurs.push(b.ms / a.ms);
    }
    if (run === 0 && (a.text !== h.text || (b && a.text !== b.text))) {
      disagree = true;
      console.error(`${shape.name}: the renderers print different text`);
    }
  }
  const cells = [
    fmt(median(ours)),
    fmt(median(floor)),
    `${median(overFloor).toFixed(1)}×`,
    other ? fmt(median(theirs)) : '-',
    other ? `${median(overOurs).toFixed(1)}×` : '-',
  ];
  console.log(`${shape.name.padEnd(10)}${cells.map((c) => c.padStart(18)).join('')}`);
}
if (!other) console.log('cli-table3 is not installed: job-x figures only (bench/README.md has the comparison).');
process.exit(disagree ? 1 : 0);
