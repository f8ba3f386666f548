import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { UsageError } from '../../../edge/index.ts';
import { toRawObject, type RawJob } from '../../../kubernetes/index.ts';
import { resolvePolicy, RULES } from '../../../policy/index.ts';
import { diagnose } from '../../../plugin/diagnose/diagnose.ts';
import { explainLiveObject } from '../../../plugin/explain/explain-live-object.ts';
import { createColors } from '../../../plugin/format/colors.ts';
import { formatDiagnosisText } from '../../../plugin/format/format-diagnosis-text.ts';
import { formatExplainText } from '../../../plugin/format/format-explain-text.ts';
import { formatIndexStatusText, formatNotIndexedMessage } from '../../../plugin/format/format-index-status-text.ts';
import { toIndexDetails } from '../../../plugin/index-status/index-details.ts';
import { toIndexStatus } from '../../../plugin/index-status/index-status.ts';
import { toIndexStatusOutput } from '../../../plugin/index-status/index-status-output.ts';
import type { JobSnapshot } from '../../../plugin/job-snapshot.ts';
import { toJobSnapshotFromDocuments, toSnapshotDocument } from '../../../plugin/kube/snapshot-document.ts';
import { compileSchema, loadSchema, type Validate } from '../../helpers/output-schemas.ts';
import { loadSnapshot, snapshotScenarios } from '../../helpers/snapshot-fixtures.ts';
import { copyJson, mutate, mutations, type Mutation } from '../../helpers/snapshot-mutations.ts';

/**
 * Fuzzing the live views on the snapshots they read: each recorded snapshot
 * (test/fixtures/snapshots/*), written as the Snapshot document `diagnose --save` writes or as
 * the List `kubectl get job,pods,events -o yaml` gives, then mutated (a string where an object
 * goes, numbers as strings, arrays where maps go, missing metadata, prototype-named keys,
 * toString-carrying values, control characters in printed fields; test/helpers/snapshot-mutations.ts),
 * read back by the reader of `diagnose -f` (the same normaliser the API's answers go through),
 * then diagnosed, shown per index (index-status, with --index details) and explained as a live
 * Job and CronJob (explain NAME). Whatever the input: the reader gives a snapshot or a UsageError,
 * nothing throws after it, every -o json validates against its schema, and no text output holds a
 * control character. A few mutated files also go through the built CLI (`diagnose -f`).
 *
 * CI runs a fixed seed. The long mode is run by hand, e.g.
 *   JOBX_FUZZ_RUNS=20000 [JOBX_FUZZ_SEED=n] node --experimental-vm-modules \
 *     node_modules/jest/bin/jest.js test/unit/plugin/snapshot-fuzz --selectProjects unit
 * and prints its figures at the end.
 */
const LONG = process.env.JOBX_FUZZ_RUNS !== undefined;
const RUNS = Number(process.env.JOBX_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.JOBX_FUZZ_SEED ?? 20261206);
const CLI_RUNS = LONG ? 60 : 6;
const TIMEOUT_MS = LONG ? 24 * 3600_000 : 120_000;

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'kubectl-job_x.js');
const policy = resolvePolicy(RULES, undefined);
/** Every control, separator, bidi control and lone surrogate escapeText escapes; newlines are the text's own. */
// eslint-disable-next-line no-control-regex -- asserting there are none
const UNESCAPED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|\p{Cs}/u;

let schemas: { diagnose: Validate; indexStatus: Validate; explain: Validate };
beforeAll(async () => {
  schemas = {
    diagnose: await compileSchema(loadSchema('diagnose-output')),
    indexStatus: await compileSchema(loadSchema('index-status-output')),
    explain: await compileSchema(loadSchema('explain-output')),
  };
});

// ------------------------------------------------------------------ inputs

const SCENARIOS = snapshotScenarios();
const BASES = SCENARIOS.map((scenario) => {
  const snapshot = loadSnapshot(scenario);
  // A log tail too, so that the saved logs are mutated like everything else.
  const pod = snapshot.pods.at(-1)?.metadata.name ?? 'pod';
  return { ...snapshot, logTail: { pod, container: 'main', lines: ['starting', 'Error: exit 1'] } };
});

type Form = 'snapshot' | 'list';

/** The file's document before mutation: a saved Snapshot, or a kubectl List of the same objects. */
function document(base: JobSnapshot, form: Form): Record<string, unknown> {
  if (form === 'snapshot') return copyJson(toSnapshotDocument(base)) as unknown as Record<string, unknown>;
  const withKind = (kind: string, apiVersion: string) => (o: object) => ({ apiVersion, kind, ...copyJson(o) });
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      withKind('Job', 'batch/v1')(base.job),
      ...base.pods.map(withKind('Pod', 'v1')),
      ...base.events.map(withKind('Event', 'v1')),
    ],
  };
}

const input = fc.record({
  scenario: fc.nat(SCENARIOS.length - 1),
  form: fc.constantFrom<Form>('snapshot', 'snapshot', 'list'),
  mutations,
});

function mutatedDocument(scenario: number, form: Form, changes: readonly Mutation[]): Record<string, unknown> {
  return mutate(document(BASES[scenario]!, form), changes);
}

// ------------------------------------------------------------------ checks

function expectValid(validate: Validate, output: unknown, what: string): void {
  // What -o json prints: the document after JSON, as a user's jq reads it.
  const wire: unknown = JSON.parse(JSON.stringify(output));
  if (!validate(wire)) throw new Error(`${what} -o json does not match its schema: ${JSON.stringify(validate.errors)}`);
}

function expectEscaped(text: string, what: string): void {
  const found = UNESCAPED.exec(text);
  if (found)
    throw new Error(
      `${what} text holds ${JSON.stringify(found[0])}: ${JSON.stringify(text.slice(Math.max(0, found.index - 60), found.index + 20))}`,
    );
}

/** A CronJob around the Job's (mutated) spec, for explain's CronJob path. */
function cronJobOf(job: RawJob): ReturnType<typeof toRawObject> {
  return toRawObject({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: copyJson(job.metadata),
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: copyJson(job.spec ?? {}) } },
  });
}

interface Figures {
  runs: number;
  refused: number;
  states: Map<string, number>;
  indexed: number;
}

/** One input through every view; returns what happened, for the figures. */
function checkOne(doc: Record<string, unknown>, now: string, figures: Figures): void {
  figures.runs++;
  let snapshot: JobSnapshot;
  try {
    snapshot = toJobSnapshotFromDocuments([doc], { file: 'fuzz.json', now }).snapshot;
  } catch (error) {
    // A file the reader cannot use is a clear usage error (exit 2), never anything else.
    if (!(error instanceof UsageError)) throw error;
    expect(typeof error.message).toBe('string');
    figures.refused++;
    return;
  }

  const diagnosis = diagnose(snapshot);
  expectValid(schemas.diagnose, diagnosis, 'diagnose');
  expectEscaped(formatDiagnosisText(diagnosis, { color: false, width: 80 }), 'diagnose');
  expectEscaped(formatDiagnosisText(diagnosis, { color: false, width: undefined }), 'diagnose (unwrapped)');
  figures.states.set(diagnosis.state, (figures.states.get(diagnosis.state) ?? 0) + 1);

  const result = toIndexStatus(snapshot);
  if (result.indexed) {
    figures.indexed++;
    const status = result.status;
    const details = status.completions > 0 ? toIndexDetails(status, [{ first: 0, last: 4 }]) : undefined;
    expectValid(schemas.indexStatus, toIndexStatusOutput(status, details), 'index-status');
    expectEscaped(formatIndexStatusText(status, { colors: createColors(false), width: 80, details }), 'index-status');
  } else {
    expectEscaped(formatNotIndexedMessage(result.job), 'index-status (not Indexed)');
  }

  const explanations = [explainLiveObject(snapshot.job, 'Job', policy)];
  const cronJob = cronJobOf(snapshot.job);
  if (cronJob) explanations.push(explainLiveObject(cronJob, 'CronJob', policy));
  for (const explanation of explanations) expectValid(schemas.explain, explanation, 'explain');
  expectEscaped(formatExplainText(explanations, { colors: createColors(false), width: 100 }), 'explain');
}

// ------------------------------------------------------------------ tests

describe('the live views on mutated snapshots (fast-check)', () => {
  test(
    'every mutated snapshot is read or refused clearly, then diagnosed, shown per index and explained',
    () => {
      const figures: Figures = { runs: 0, refused: 0, states: new Map(), indexed: 0 };
      const started = Date.now();
      fc.assert(
        fc.property(input, ({ scenario, form, mutations: changes }) => {
          checkOne(mutatedDocument(scenario, form, changes), BASES[scenario]!.now, figures);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // The inputs reach the analyses, in every state, not only the reader's refusals.
      expect(figures.refused).toBeLessThan(figures.runs / 4);
      expect(figures.indexed).toBeGreaterThan(0);
      expect(new Set(figures.states.keys()).size).toBeGreaterThanOrEqual(6);
      if (LONG) {
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `snapshot fuzz: ${figures.runs} inputs (seed ${SEED}) in ${seconds.toFixed(1)} s, ` +
            `${figures.refused} refused by the reader, ${figures.indexed} Indexed, ` +
            `states ${JSON.stringify(Object.fromEntries(figures.states))}, ` +
            `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
        );
      }
    },
    TIMEOUT_MS,
  );

  test('each seed snapshot, unmutated, reads back as it was saved (a null read as unset, as Go reads it)', () => {
    // Events' times are the one place the types keep null (an events.k8s.io Event has no lastTimestamp).
    const EVENT_TIMES = new Set(['firstTimestamp', 'lastTimestamp', 'eventTime']);
    const withoutNulls = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value), (key, item: unknown) =>
        item === null && !EVENT_TIMES.has(key) ? undefined : item,
      );
    for (const base of BASES) {
      const read = toJobSnapshotFromDocuments([document(base, 'snapshot')], { file: 'x', now: 'unused' });
      expect(read.notes).toEqual([]);
      expect(JSON.parse(JSON.stringify(read.snapshot))).toEqual(withoutNulls(base));
      expect(diagnose(read.snapshot)).toEqual(diagnose(base));
    }
  });
});

describe('kubectl job-x diagnose -f on mutated files (the built executable)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'job-x-snapshot-fuzz-'));
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1' },
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  test(
    'exit 0 with a valid diagnosis, or 2 with a one-line reason; never a stack trace, always escaped',
    () => {
      const samples = fc.sample(input, { seed: SEED + 1, numRuns: CLI_RUNS });
      const codes: number[] = [];
      samples.forEach(({ scenario, form, mutations: changes }, i) => {
        const file = join(dir, `input-${i}.json`);
        writeFileSync(file, JSON.stringify(mutatedDocument(scenario, form, changes)));
        const json = run(['diagnose', '-f', file, '-o', 'json']);
        const text = run(['diagnose', '-f', file]);
        for (const result of [json, text]) {
          expect([0, 2]).toContain(result.code);
          expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
          expectEscaped(result.stderr, 'stderr');
        }
        expect(text.code).toBe(json.code);
        codes.push(json.code!);
        if (json.code === 0) {
          expectValid(schemas.diagnose, JSON.parse(json.stdout), 'diagnose -f');
          expectEscaped(text.stdout, 'diagnose -f');
        } else {
          expect(json.stderr).toMatch(/^error: [^\n]*\n/);
          expect(json.stdout).toBe('');
        }
      });
      expect(codes).toContain(0);
    },
    TIMEOUT_MS,
  );
});
