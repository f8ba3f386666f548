import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { PLACEHOLDER_UID, toStoredObject, type JsonObject } from '../../../kubernetes/index.ts';
import { resolvePolicy, RULES } from '../../../policy/index.ts';
import { lintSource } from '../../../plugin/lint/lint-source.ts';
import { parseSource } from '../../../plugin/yaml/index.ts';
import { withoutGeneratedSelector } from '../../helpers/stored-copy.ts';

/**
 * Objects as `kubectl get -o yaml` returns them (recorded on the testbed by
 * scripts/record-stored-fixtures.ts) are judged as what `kubectl create -f` of them does: a copy,
 * which the API server gives a new uid. test/e2e/stored-objects.test.ts checks the verdicts
 * against the real API server.
 */
const policy = resolvePolicy(RULES, undefined);
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'stored');
const fixture = (name: string): string => readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8');
const lint = (text: string) => lintSource('stored.yaml', text, policy);
const apiServerErrors = (text: string) =>
  lint(text)
    .results.flatMap((r) => r.findings)
    .filter((f) => f.origin === 'apiserver' && f.severity === 'error');
const allMessages = (text: string): string[] => lint(text).results.flatMap((r) => r.findings.map((f) => f.message));
const documentOf = (text: string): JsonObject => parseSource(text).objects[0]!.value as JsonObject;
const uidOf = (text: string): string => (documentOf(text).metadata as { uid: string }).uid;

const GENERATED_SELECTOR_PATHS = [
  'spec.selector',
  'spec.template.metadata.labels[batch.kubernetes.io/controller-uid]',
  'spec.template.metadata.labels[controller-uid]',
];

describe('a stored Job with a generated selector (kubectl get job pi -o yaml)', () => {
  test.each(['job-pi', 'job-pi-managed-fields'])(
    '%s: creating a copy fails on the selector and labels generated for the stored uid, and lint says so',
    (name) => {
      const text = fixture(name);
      const uid = uidOf(text);
      const errors = apiServerErrors(text);
      expect(errors.map((f) => [f.ruleId, f.path]).sort()).toEqual(
        GENERATED_SELECTOR_PATHS.map((path) => ['job-selector', path]),
      );
      for (const error of errors) {
        expect(error.message).toContain('a copy of a stored Job');
        expect(error.message).toContain(uid);
      }
      expect(errors.find((f) => f.path === 'spec.selector')?.message).toContain(
        "remove spec.selector and the template's controller-uid labels",
      );
    },
  );

  test('without the generated selector and labels (as the message advises) the copy is accepted', () => {
    expect(apiServerErrors(withoutGeneratedSelector(fixture('job-pi')))).toEqual([]);
  });

  test('no message shows the placeholder uid', () => {
    for (const name of ['job-pi', 'job-pi-managed-fields', 'list'])
      for (const message of allMessages(fixture(name))) expect(message).not.toContain(PLACEHOLDER_UID);
  });

  test('it is recognised as stored, and by what', () => {
    expect(toStoredObject(documentOf(fixture('job-pi')))).toEqual({
      uid: uidOf(fixture('job-pi')),
      evidence: ['metadata.uid', 'metadata.resourceVersion', 'status', 'spec.selector'],
    });
    expect(toStoredObject(documentOf(fixture('job-pi-managed-fields')))?.evidence).toContain('metadata.managedFields');
  });
});

describe('stored objects whose copy the API server accepts', () => {
  test.each(['job-manual-selector', 'cronjob-nightly'])('%s: no API server error', (name) => {
    expect(toStoredObject(documentOf(fixture(name)))).toBeDefined();
    expect(apiServerErrors(fixture(name))).toEqual([]);
  });

  test('a List of them (kubectl get job,cronjob -o yaml) gets the same verdicts, item by item', () => {
    const results = lint(fixture('list')).results;
    const verdicts = results.map((r) => [
      r.kind,
      r.name,
      r.findings.filter((f) => f.origin === 'apiserver' && f.severity === 'error').map((f) => f.path),
    ]);
    expect(verdicts).toEqual([
      ['Job', 'adopter', []],
      ['Job', 'pi', GENERATED_SELECTOR_PATHS],
      ['CronJob', 'nightly', []],
    ]);
  });
});

describe('manifests are not stored objects, and findings never show a placeholder', () => {
  test('what kubectl create --dry-run=client -o yaml writes is a manifest', () => {
    const text = `apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: hello
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - image: busybox
        name: hello
        resources: {}
      restartPolicy: Never
status: {}
`;
    expect(toStoredObject(documentOf(text))).toBeUndefined();
  });

  const MANIFEST = `apiVersion: batch/v1
kind: Job
metadata:
  name: hello
spec:
  ttlSecondsAfterFinished: 600
  activeDeadlineSeconds: 600
  template:
    metadata:
      labels: {}
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox:1.36}]
`;

  test('a template controller-uid label written by hand: the uid the API server will assign, by what it is', () => {
    const text = MANIFEST.replace('labels: {}', 'labels: {controller-uid: mine}');
    const errors = apiServerErrors(text);
    expect(errors.map((f) => f.path)).toEqual(['spec.template.metadata.labels[controller-uid]']);
    expect(errors[0]!.message).toContain("must be '<uid of the new Job>'");
    expect(errors[0]!.message).not.toContain('a copy of a stored Job');
    for (const message of allMessages(text)) expect(message).not.toContain(PLACEHOLDER_UID);
  });

  test('a job-name label with generateName: the name the API server will generate, by what it is', () => {
    const text = MANIFEST.replace('  name: hello', '  generateName: hello-').replace(
      'labels: {}',
      'labels: {job-name: other}',
    );
    const messages = allMessages(text);
    expect(messages).toContainEqual(expect.stringContaining("must be 'hello-<random>'"));
    for (const message of messages) expect(message).not.toMatch(/hello-xxxxx/);
  });
});
