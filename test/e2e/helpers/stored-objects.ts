// Objects created on the testbed and read back with `kubectl get -o yaml`, for the checks that
// lint judges a stored object as what `kubectl create -f` of it does (a copy with a new uid):
// test/e2e/stored-objects.test.ts, and scripts/record-stored-fixtures.ts, which records them
// into test/fixtures/stored/ for the unit tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectl } from './cluster.ts';

export { withoutGeneratedSelector } from '../../helpers/stored-copy.ts';

export interface StoredOriginal {
  /** Fixture file name (without .yaml) and what the test is called. */
  readonly id: string;
  readonly kind: 'job' | 'cronjob';
  readonly name: string;
  /** How the user created it: `kubectl apply` leaves its last-applied annotation, create does not. */
  readonly verb: 'apply' | 'create';
  readonly manifest: string;
}

export const STORED_ORIGINALS: readonly StoredOriginal[] = [
  {
    // The Kubernetes documentation's first Job: the API server generates its selector.
    id: 'job-pi',
    kind: 'job',
    name: 'pi',
    verb: 'apply',
    manifest: `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  ttlSecondsAfterFinished: 3600
  activeDeadlineSeconds: 600
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
`,
  },
  {
    // A selector of its own (manualSelector): nothing generated from the uid.
    id: 'job-manual-selector',
    kind: 'job',
    name: 'adopter',
    verb: 'create',
    manifest: `apiVersion: batch/v1
kind: Job
metadata:
  name: adopter
spec:
  manualSelector: true
  selector:
    matchLabels: {app: adopter}
  ttlSecondsAfterFinished: 3600
  activeDeadlineSeconds: 600
  template:
    metadata:
      labels: {app: adopter}
    spec:
      containers:
      - name: main
        image: busybox:1.36
      restartPolicy: Never
`,
  },
  {
    id: 'cronjob-nightly',
    kind: 'cronjob',
    name: 'nightly',
    verb: 'create',
    manifest: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      ttlSecondsAfterFinished: 3600
      activeDeadlineSeconds: 600
      template:
        spec:
          containers:
          - name: main
            image: busybox:1.36
          restartPolicy: Never
`,
  },
];

/** Creates the original in the namespace, as its user would. */
export async function createOriginal(namespace: string, original: StoredOriginal): Promise<void> {
  await kubectl([original.verb, '-n', namespace, '-f', manifestFile(`${original.id}.yaml`, original.manifest)]);
}

/** The text in a file of its own, for `kubectl … -f FILE`. */
export function manifestFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'job-x-stored-')), name);
  writeFileSync(file, text);
  return file;
}

/** `kubectl get KIND NAME -o yaml`: what a user pipes to lint or saves to a file. */
export async function exportStored(namespace: string, original: StoredOriginal, ...flags: string[]): Promise<string> {
  return kubectl(['get', original.kind, original.name, '-n', namespace, '-o', 'yaml', ...flags]);
}
