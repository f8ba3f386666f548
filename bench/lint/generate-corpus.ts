/**
 * Deterministic corpus of Job and CronJob manifests for `npm run bench:lint`: one object per file,
 * small to large, about 10% invalid in various ways. The same seed and count give byte-identical
 * files (fast-check's seeded generator through test/helpers/seeded-random.ts; no clock, no
 * Math.random).
 *
 * Each invalid file carries one defect of a known category; `schemaDetectable` says whether a
 * structural JSON schema (kubeconform -strict) can see it: unknown fields, wrong types, missing
 * required fields and duplicate keys, but not ranges, enums written only in prose, cron syntax or
 * the succeededIndexes grammar.
 *
 * Usage: node bench/lint/generate-corpus.ts <out-dir> [count] [seed]
 *   writes <out-dir>/manifests/*.yaml|json and <out-dir>/index.json (outside the linted folder).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { type DecodeType, rootDecodeType } from '../../kubernetes/index.ts';
import { seededRandom } from '../../test/helpers/seeded-random.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

export type Kind = 'Job' | 'CronJob';
export type Size = 'small' | 'medium' | 'large';

export const INVALID_CATEGORIES = [
  'negative-number',
  'bad-restart-policy',
  'unknown-field',
  'wrong-type',
  'bad-succeeded-indexes',
  'bad-pod-failure-policy',
  'bad-cron-schedule',
  'bad-name',
  'bad-containers',
  'int32-overflow',
  'duplicate-key',
] as const;
export type InvalidCategory = (typeof INVALID_CATEGORIES)[number];

export interface CorpusFile {
  /** Relative to the manifests folder. */
  readonly file: string;
  readonly kind: Kind;
  readonly name: string;
  readonly size: Size;
  readonly bytes: number;
  /** null for a valid manifest. */
  readonly invalid: null | {
    readonly category: InvalidCategory;
    readonly variant: string;
    readonly schemaDetectable: boolean;
  };
}

export interface CorpusIndex {
  readonly seed: number;
  readonly count: number;
  readonly files: readonly CorpusFile[];
}

export interface CorpusOptions {
  readonly count?: number;
  readonly seed?: number;
  /** Share of invalid files, 0..1. */
  readonly invalidRatio?: number;
}

export const DEFAULT_COUNT = 10_000;
export const DEFAULT_SEED = 20_260_703;

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

const WORDS = [
  'report',
  'etl',
  'backup',
  'sync',
  'index',
  'render',
  'train',
  'export',
  'import',
  'cleanup',
  'digest',
  'billing',
  'audit',
  'migrate',
  'scan',
  'thumbnail',
  'rollup',
  'compact',
  'notify',
  'archive',
];
const TEAMS = ['data', 'platform', 'search', 'ml', 'payments', 'growth', 'infra', 'media'];
const IMAGES = [
  'busybox:1.37',
  'python:3.13-slim',
  'golang:1.26',
  'node:24-alpine',
  'alpine:3.22',
  'postgres:17',
  'registry.example.com/batch/worker:2.4.1',
];
const SCHEDULES = [
  '*/5 * * * *',
  '0 * * * *',
  '30 2 * * *',
  '0 3 * * 1-5',
  '15 */6 * * *',
  '@hourly',
  '@daily',
  '0 0 1 * *',
  '45 23 * * 0',
  '*/20 8-18 * * 1-5',
];
const TIME_ZONES = ['Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

function containerName(i: number, prefix = 'c'): string {
  return `${prefix}${i}`;
}

function envVars(rng: Rng, count: number): Json[] {
  const env: Json[] = [];
  for (let i = 0; i < count; i++) {
    const name = `VAR_${i}_${rng.pick(WORDS).toUpperCase()}`;
    switch (rng.int(0, 5)) {
      case 0:
        env.push({
          name,
          valueFrom: { fieldRef: { fieldPath: rng.pick(['metadata.name', 'metadata.namespace', 'status.podIP']) } },
        });
        break;
      case 1:
        env.push({ name, valueFrom: { secretKeyRef: { name: `${rng.pick(TEAMS)}-secrets`, key: `key-${i}` } } });
        break;
      case 2:
        env.push({
          name,
          valueFrom: { configMapKeyRef: { name: `${rng.pick(TEAMS)}-config`, key: `k${i}`, optional: true } },
        });
        break;
      default:
        env.push({
          name,
          value: rng.chance(0.3) ? String(rng.int(0, 99999)) : `${rng.pick(WORDS)}-${rng.int(0, 999)}`,
        });
    }
  }
  return env;
}

function resources(rng: Rng): Obj {
  const cpu = rng.int(1, 8) * 100;
  const memory = rng.pick([64, 128, 256, 512, 1024]);
  return {
    requests: { cpu: `${cpu}m`, memory: `${memory}Mi` },
    limits: { cpu: rng.chance(0.5) ? `${cpu * 2}m` : rng.int(1, 4), memory: `${memory * 2}Mi` },
  };
}

function container(rng: Rng, name: string, size: Size, volumes: readonly string[]): Obj {
  const c: Obj = { name, image: rng.pick(IMAGES) };
  if (rng.chance(0.7)) c.command = ['/bin/sh', '-c'];
  if (rng.chance(0.7)) c.args = [`run-${rng.pick(WORDS)} --batch=${rng.int(1, 500)} --verbose`];
  const envCount = size === 'small' ? rng.int(0, 4) : size === 'medium' ? rng.int(5, 20) : rng.int(10, 40);
  if (envCount > 0) c.env = envVars(rng, envCount);
  if (size !== 'small' || rng.chance(0.5)) c.resources = resources(rng);
  if (size !== 'small' && volumes.length > 0) {
    c.volumeMounts = volumes.map((v, i) => ({
      name: v,
      mountPath: `/mnt/${v}-${i}`,
      ...(rng.chance(0.3) ? { readOnly: true } : {}),
    }));
  }
  if (size === 'large' && rng.chance(0.5)) c.ports = [{ containerPort: rng.int(1024, 9000), protocol: 'TCP' }];
  if (rng.chance(0.3)) c.imagePullPolicy = rng.pick(['Always', 'IfNotPresent']);
  if (size === 'large' && rng.chance(0.5))
    c.securityContext = {
      runAsNonRoot: true,
      runAsUser: 1000,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    };
  return c;
}

/** Sorted, unique exit codes in 1..255. */
function exitCodes(rng: Rng, count: number): number[] {
  const set = new Set<number>();
  while (set.size < count) set.add(rng.int(1, 255));
  return [...set].sort((a, b) => a - b);
}

function podFailurePolicy(rng: Rng, rules: number, containers: readonly string[], perIndex: boolean): Obj {
  const list: Json[] = [];
  for (let i = 0; i < rules; i++) {
    const action = rng.pick(perIndex ? ['FailJob', 'Ignore', 'Count', 'FailIndex'] : ['FailJob', 'Ignore', 'Count']);
    if (rng.chance(0.25)) {
      list.push({ action, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] });
    } else {
      const rule: Obj = { operator: 'In', values: exitCodes(rng, rng.int(1, 6)) };
      if (rng.chance(0.5)) rule.containerName = rng.pick(containers);
      list.push({ action, onExitCodes: rule });
    }
  }
  return { rules: list };
}

/** `a-b,c,...` with increasing, non-overlapping intervals below completions, and how many. */
function indexIntervals(rng: Rng, completions: number): { text: string; count: number } {
  const parts: string[] = [];
  let count = 0;
  let next = rng.int(0, Math.max(0, Math.floor(completions / 4)));
  const pieces = rng.int(1, 6);
  for (let i = 0; i < pieces && next < completions; i++) {
    const last = Math.min(completions - 1, next + rng.int(0, Math.max(0, Math.floor(completions / 8))));
    parts.push(last === next ? String(next) : `${next}-${last}`);
    count += last - next + 1;
    next = last + 2 + rng.int(0, 3);
  }
  return { text: parts.join(','), count };
}

function successPolicy(rng: Rng, completions: number): Obj {
  const rules: Json[] = [];
  const n = rng.int(1, 20);
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.2)) {
      rules.push({ succeededCount: rng.int(1, completions) });
    } else {
      const { text, count } = indexIntervals(rng, completions);
      rules.push(
        rng.chance(0.4) ? { succeededIndexes: text, succeededCount: rng.int(1, count) } : { succeededIndexes: text },
      );
    }
  }
  return { rules };
}

function jobSpec(rng: Rng, size: Size, team: string): Obj {
  const spec: Obj = {};
  const containerCount = size === 'small' ? 1 : size === 'medium' ? rng.int(2, 4) : rng.int(4, 12);
  const volumes =
    size === 'small' ? [] : Array.from({ length: rng.int(1, size === 'large' ? 6 : 3) }, (_, i) => `vol-${i}`);
  const names = Array.from({ length: containerCount }, (_, i) => containerName(i));
  const podSpec: Obj = { containers: names.map((n) => container(rng, n, size, volumes)) };
  if (size !== 'small' && rng.chance(0.5)) {
    podSpec.initContainers = Array.from({ length: rng.int(1, 3) }, (_, i) =>
      container(rng, containerName(i, 'init'), 'small', []),
    );
  }
  if (volumes.length > 0) {
    podSpec.volumes = volumes.map((v): Obj =>
      rng.chance(0.5) ? { name: v, emptyDir: {} } : { name: v, configMap: { name: `${team}-${v}` } },
    );
  }
  if (size !== 'small') {
    if (rng.chance(0.5)) podSpec.serviceAccountName = `${team}-runner`;
    if (rng.chance(0.5)) podSpec.nodeSelector = { 'kubernetes.io/os': 'linux', 'example.com/pool': team };
    if (rng.chance(0.3))
      podSpec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: team, effect: 'NoSchedule' }];
  }
  if (size === 'large') {
    podSpec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a', 'zone-b'] }],
            },
          ],
        },
      },
    };
    podSpec.terminationGracePeriodSeconds = rng.int(10, 120);
  }

  let needsNever = false;
  if (size === 'small') {
    spec.backoffLimit = rng.int(0, 6);
  } else if (size === 'medium') {
    const completions = rng.int(1, 10);
    spec.completions = completions;
    spec.parallelism = rng.int(1, completions);
    spec.backoffLimit = rng.int(0, 10);
    if (rng.chance(0.6)) {
      spec.podFailurePolicy = podFailurePolicy(rng, rng.int(1, 5), names, false);
      needsNever = true;
    }
  } else {
    const completions = rng.int(20, 2000);
    spec.completionMode = 'Indexed';
    spec.completions = completions;
    spec.parallelism = rng.int(1, Math.min(completions, 100));
    spec.backoffLimitPerIndex = rng.int(1, 3);
    spec.maxFailedIndexes = rng.int(1, Math.min(completions, 50));
    spec.podFailurePolicy = podFailurePolicy(rng, rng.int(10, 20), names, true);
    spec.successPolicy = successPolicy(rng, completions);
    needsNever = true;
  }
  if (rng.chance(size === 'small' ? 0.4 : 0.8)) spec.activeDeadlineSeconds = rng.int(60, 86_400);
  if (rng.chance(size === 'small' ? 0.4 : 0.8)) spec.ttlSecondsAfterFinished = rng.int(60, 604_800);
  podSpec.restartPolicy = needsNever || rng.chance(0.7) ? 'Never' : 'OnFailure';
  const templateMeta: Obj = { labels: { app: `${team}-batch`, team } };
  if (size === 'large') templateMeta.annotations = { 'example.com/owner': `${team}@example.com` };
  spec.template = { metadata: templateMeta, spec: podSpec };
  return spec;
}

function metadata(rng: Rng, name: string, team: string, size: Size): Obj {
  const meta: Obj = {
    name,
    namespace: `${team}-jobs`,
    labels: { app: `${team}-batch`, team, 'app.kubernetes.io/part-of': `${team}-pipeline` },
  };
  if (size !== 'small')
    meta.annotations = {
      'example.com/runbook': `https://runbooks.example.com/${team}/${name}`,
      'example.com/cost-center': String(rng.int(1000, 9999)),
    };
  return meta;
}

function manifest(rng: Rng, kind: Kind, size: Size, index: number): Obj {
  const team = rng.pick(TEAMS);
  const word = rng.pick(WORDS);
  const spec = jobSpec(rng, size, team);
  if (kind === 'Job') {
    const name = `${team}-${word}-${index}`;
    return { apiVersion: 'batch/v1', kind, metadata: metadata(rng, name, team, size), spec };
  }
  const name = `${team}-${word}-cron-${index}`;
  const cronSpec: Obj = { schedule: rng.pick(SCHEDULES) };
  if (rng.chance(0.4)) cronSpec.timeZone = rng.pick(TIME_ZONES);
  if (rng.chance(0.6)) cronSpec.concurrencyPolicy = rng.pick(['Allow', 'Forbid', 'Replace']);
  if (rng.chance(0.4)) cronSpec.startingDeadlineSeconds = rng.int(60, 3600);
  if (rng.chance(0.5)) cronSpec.successfulJobsHistoryLimit = rng.int(0, 5);
  if (rng.chance(0.5)) cronSpec.failedJobsHistoryLimit = rng.int(1, 5);
  if (rng.chance(0.2)) cronSpec.suspend = rng.chance(0.5);
  cronSpec.jobTemplate = { metadata: { labels: { team } }, spec };
  return { apiVersion: 'batch/v1', kind, metadata: metadata(rng, name, team, size), spec: cronSpec };
}

function jobSpecOf(object: Obj): Obj {
  const spec = object.spec as Obj;
  return object.kind === 'CronJob' ? ((spec.jobTemplate as Obj).spec as Obj) : spec;
}

function podSpecOf(object: Obj): Obj {
  return (jobSpecOf(object).template as Obj).spec as Obj;
}

/** A place in a manifest whose Go type is known (map keys are not fields, so maps are skipped). */
interface TypedNode {
  readonly path: string;
  readonly value: Json;
  readonly type: DecodeType;
  readonly holder: Obj | Json[];
  readonly key: string | number;
}

/** Every value of the manifest with its Go type (generated from the pinned Kubernetes). */
function typedNodes(object: Obj): TypedNode[] {
  const kind = object.kind === 'CronJob' ? 'CronJob' : 'Job';
  const out: TypedNode[] = [{ path: '', value: object, type: rootDecodeType(kind), holder: [], key: 0 }];
  const walk = (value: Json, type: DecodeType, path: string): void => {
    if (Array.isArray(value) && type.kind === 'slice')
      value.forEach((item, i) => {
        out.push({ path: `${path}[${i}]`, value: item, type: type.elem, holder: value, key: i });
        walk(item, type.elem, `${path}[${i}]`);
      });
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && type.kind === 'struct')
      for (const [key, child] of Object.entries(value)) {
        const field = type.fields.get(key);
        if (!field) continue;
        const childPath = path === '' ? key : `${path}.${key}`;
        out.push({ path: childPath, value: child, type: field.type, holder: value, key });
        walk(child, field.type, childPath);
      }
  };
  walk(object, out[0]!.type, '');
  return out;
}

/** Where a defect went, for the variant's name: `pod template`, `containers`, `job spec`, ... */
function areaOf(path: string): string {
  if (/\.(containers|initContainers)\[/.test(path)) return 'container';
  if (/template\.spec/.test(path)) return 'pod spec';
  if (/template\.metadata/.test(path)) return 'pod metadata';
  if (/^metadata/.test(path)) return 'metadata';
  return path.startsWith('spec.jobTemplate') || !path.startsWith('spec') ? 'job spec' : 'spec';
}

/** Categories that apply to a manifest (bad-cron-schedule only to CronJobs...). */
function applicable(kind: Kind, size: Size): InvalidCategory[] {
  return INVALID_CATEGORIES.filter((c) => {
    if (c === 'bad-cron-schedule') return kind === 'CronJob';
    if (c === 'bad-succeeded-indexes') return size === 'large';
    return true;
  });
}

interface Defect {
  readonly variant: string;
  readonly schemaDetectable: boolean;
  /** For duplicate-key: a text edit after serialization. */
  readonly text?: (yamlText: string) => string;
}

/** Breaks `object` in place in one way of `category`; returns what was done. */
function breakManifest(rng: Rng, object: Obj, category: InvalidCategory): Defect {
  const job = jobSpecOf(object);
  const pod = podSpecOf(object);
  switch (category) {
    case 'negative-number': {
      const field =
        object.kind === 'CronJob' && rng.chance(0.4)
          ? rng.pick(['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'])
          : rng.pick([
              'backoffLimit',
              'parallelism',
              'activeDeadlineSeconds',
              'ttlSecondsAfterFinished',
              'completions',
            ]);
      const target = ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'].includes(field)
        ? (object.spec as Obj)
        : job;
      // activeDeadlineSeconds must be > 0; the others >= 0.
      target[field] = -rng.int(1, 100);
      if (field === 'completions' && job.completionMode === 'Indexed') delete job.successPolicy;
      return { variant: field, schemaDetectable: false };
    }
    case 'bad-restart-policy': {
      const value = rng.pick(['Always', 'Sometimes', 'never']);
      pod.restartPolicy = value;
      return { variant: value, schemaDetectable: false };
    }
    case 'unknown-field': {
      // Anywhere: any object of a Go struct type in the manifest, pod template included.
      const node = rng.pick(typedNodes(object).filter((n) => n.type.kind === 'struct'));
      const target = node.value as Obj;
      const fields = (node.type as Extract<DecodeType, { kind: 'struct' }>).fields;
      const keys = Object.keys(target).filter((k) => k !== 'apiVersion' && k !== 'kind');
      const key = keys.length > 0 ? rng.pick(keys) : 'name';
      // A typo that names no field: one letter doubled, or an s appended.
      let typo = rng.chance(0.5) ? `${key}s` : key.replace(/([a-z])/, '$1$1');
      if (fields.has(typo)) typo = `${key}Typo`;
      target[typo] = Object.hasOwn(target, key) ? (target[key] as Json) : 'x';
      // The original goes too, half the time (not at the root: the index reads metadata.name).
      if (Object.hasOwn(target, key) && node.path !== '' && rng.chance(0.5)) delete target[key];
      return { variant: `${areaOf(node.path)}: ${typo}`, schemaDetectable: true };
    }
    case 'wrong-type': {
      // Anywhere: a string, integer or boolean field of the manifest gets another JSON type.
      const leaves = typedNodes(object).filter(
        (n) => ['string', 'int', 'bool'].includes(n.type.kind) && n.path !== 'apiVersion' && n.path !== 'kind',
      );
      const node = rng.pick(leaves);
      const replacement: Json = node.type.kind === 'string' ? rng.pick([7, true]) : rng.pick(['two', 'x']);
      node.holder[node.key as never] = replacement as never;
      return { variant: `${areaOf(node.path)}: ${node.type.kind}`, schemaDetectable: true };
    }
    case 'bad-succeeded-indexes': {
      const completions = job.completions as number;
      const variant = rng.pick(['decreasing', 'not-a-number', 'out-of-range', 'overlapping']);
      const text =
        variant === 'decreasing'
          ? '5-2'
          : variant === 'not-a-number'
            ? '1,two'
            : variant === 'out-of-range'
              ? `0-${completions}`
              : '1-4,3-6';
      const rules = (job.successPolicy as Obj).rules as Obj[];
      rules[rng.int(0, rules.length - 1)] = { succeededIndexes: text };
      return { variant, schemaDetectable: false };
    }
    case 'bad-pod-failure-policy': {
      const variant = rng.pick([
        'both-requirements',
        'in-zero',
        'fail-index-without-per-index',
        'unordered-values',
        'on-failure-restart',
      ]);
      pod.restartPolicy = 'Never';
      const rule: Obj =
        variant === 'both-requirements'
          ? {
              action: 'FailJob',
              onExitCodes: { operator: 'In', values: [1] },
              onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }],
            }
          : variant === 'in-zero'
            ? { action: 'FailJob', onExitCodes: { operator: 'In', values: [0, 3] } }
            : variant === 'unordered-values'
              ? { action: 'Count', onExitCodes: { operator: 'NotIn', values: [9, 4, 7] } }
              : {
                  action: variant === 'fail-index-without-per-index' ? 'FailIndex' : 'FailJob',
                  onExitCodes: { operator: 'In', values: [42] },
                };
      if (variant === 'fail-index-without-per-index') {
        delete job.backoffLimitPerIndex;
        delete job.maxFailedIndexes;
      }
      if (variant === 'on-failure-restart') pod.restartPolicy = 'OnFailure';
      const existing = job.podFailurePolicy ? ((job.podFailurePolicy as Obj).rules as Json[]) : [];
      job.podFailurePolicy = { rules: [...existing.slice(0, 10), rule] };
      return { variant, schemaDetectable: false };
    }
    case 'bad-cron-schedule': {
      const value = rng.pick(['61 * * * *', '* * *', 'every day', '0 0 31 2 * *', '*/0 * * * *']);
      (object.spec as Obj).schedule = value;
      return { variant: value, schemaDetectable: false };
    }
    case 'bad-name': {
      const meta = object.metadata as Obj;
      const variant = rng.pick(['underscore', 'uppercase', 'too-long']);
      meta.name =
        variant === 'underscore'
          ? `nightly_${String(meta.name)}`
          : variant === 'uppercase'
            ? `Nightly-${String(meta.name)}`
            : `${String(meta.name)}-${'x'.repeat(70)}`;
      return { variant, schemaDetectable: false };
    }
    case 'bad-containers': {
      const variant = rng.pick(['no-containers', 'missing-image', 'duplicate-name', 'missing-name']);
      const list = pod.containers as Obj[];
      if (variant === 'no-containers') pod.containers = [];
      else if (variant === 'missing-image') delete list[0]!.image;
      else if (variant === 'duplicate-name') list.push({ ...list[0]!, env: [] });
      else delete list[list.length - 1]!.name;
      // A podFailurePolicy naming a container that is gone would add a second defect.
      if (variant !== 'duplicate-name' && job.podFailurePolicy) delete job.podFailurePolicy;
      return { variant, schemaDetectable: variant === 'missing-name' };
    }
    case 'int32-overflow': {
      const field = rng.pick(['backoffLimit', 'activeDeadlineSeconds-ok', 'parallelism']);
      if (field === 'activeDeadlineSeconds-ok') {
        // int64: 2^31 is fine there, so overflow int32 in completions instead.
        job.completions = 2 ** 32;
        delete job.successPolicy;
        delete job.maxFailedIndexes;
        return { variant: 'completions', schemaDetectable: false };
      }
      job[field] = 2 ** 31 + rng.int(0, 1000);
      return { variant: field, schemaDetectable: false };
    }
    case 'duplicate-key':
      return {
        variant: 'metadata.labels.team',
        schemaDetectable: true,
        text: (text) =>
          text.replace(/^( {4})team: (.*)$/m, (line, indent: string) => `${line}\n${indent}team: duplicated`),
      };
  }
}

/** Builds the corpus in memory: the entries and, index for index, the file texts. */
export function buildCorpus(options: CorpusOptions = {}): { entries: CorpusFile[]; texts: string[] } {
  const count = options.count ?? DEFAULT_COUNT;
  const seed = options.seed ?? DEFAULT_SEED;
  const invalidRatio = options.invalidRatio ?? 0.1;
  const rng = new Rng(seed);
  const entries: CorpusFile[] = [];
  const texts: string[] = [];
  const width = String(count - 1).length;
  const used = new Map<InvalidCategory, number>(INVALID_CATEGORIES.map((c) => [c, 0]));
  for (let i = 0; i < count; i++) {
    const kind: Kind = rng.chance(0.35) ? 'CronJob' : 'Job';
    const roll = rng.next();
    const size: Size = roll < 0.6 ? 'small' : roll < 0.9 ? 'medium' : 'large';
    const object = manifest(rng, kind, size, i);
    let defect: Defect | undefined;
    let category: InvalidCategory | undefined;
    if (rng.chance(invalidRatio)) {
      // The least used applicable category, so that each is about equally represented.
      category = applicable(kind, size).reduce((best, c) => (used.get(c)! < used.get(best)! ? c : best));
      used.set(category, used.get(category)! + 1);
      defect = breakManifest(rng, object, category);
    }
    const json = !defect?.text && rng.chance(0.05);
    let text = json ? `${JSON.stringify(object, null, 2)}\n` : stringify(object, { version: '1.1', lineWidth: 0 });
    if (defect?.text) text = defect.text(text);
    const file = `${String(i).padStart(width, '0')}-${kind.toLowerCase()}-${size}.${json ? 'json' : 'yaml'}`;
    entries.push({
      file,
      kind,
      name: String((object.metadata as Obj).name),
      size,
      bytes: Buffer.byteLength(text),
      invalid:
        defect && category ? { category, variant: defect.variant, schemaDetectable: defect.schemaDetectable } : null,
    });
    texts.push(text);
  }
  return { entries, texts };
}

/** Writes `<outDir>/manifests/` (emptied first) and `<outDir>/index.json`. */
export async function generateCorpus(
  outDir: string,
  options: CorpusOptions = {},
): Promise<CorpusIndex & { manifests: string }> {
  const { entries, texts } = buildCorpus(options);
  const manifests = join(outDir, 'manifests');
  await rm(manifests, { recursive: true, force: true });
  await mkdir(manifests, { recursive: true });
  const batch = 256;
  for (let i = 0; i < entries.length; i += batch) {
    await Promise.all(entries.slice(i, i + batch).map((e, j) => writeFile(join(manifests, e.file), texts[i + j]!)));
  }
  const index: CorpusIndex = { seed: options.seed ?? DEFAULT_SEED, count: entries.length, files: entries };
  await writeFile(join(outDir, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
  return { ...index, manifests };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [outDir, count, seed] = process.argv.slice(2);
  if (!outDir) {
    process.stderr.write('usage: generate-corpus.ts <out-dir> [count] [seed]\n');
    process.exit(2);
  }
  const index = await generateCorpus(outDir, {
    count: count ? Number(count) : DEFAULT_COUNT,
    seed: seed ? Number(seed) : DEFAULT_SEED,
  });
  const invalid = index.files.filter((f) => f.invalid).length;
  const bytes = index.files.reduce((n, f) => n + f.bytes, 0);
  process.stdout.write(
    `${index.count} manifests (${invalid} invalid, ${(bytes / 1024 / 1024).toFixed(1)} MiB) in ${index.manifests}\n`,
  );
}
