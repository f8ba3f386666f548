// node scripts/record-stored-fixtures.ts — with the testbed up (npm run testbed:up, or
// TESTBED_DIR=… for a shared one). Creates the objects of test/e2e/helpers/stored-objects.ts in a
// namespace of its own, waits until the pi Job has completed, and writes what `kubectl get -o
// yaml` returns for each to test/fixtures/stored/<id>.yaml, pi once more with
// --show-managed-fields, and `kubectl get job,cronjob -o yaml` (a List) to list.yaml. The unit
// tests lint them (test/unit/plugin/stored-objects.test.ts); the e2e test repeats the whole round
// trip live and also creates the copies.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectl, REPO_ROOT } from '../test/e2e/helpers/cluster.ts';
import { createNamespace, deleteNamespace } from '../test/e2e/helpers/namespace.ts';
import { createOriginal, exportStored, STORED_ORIGINALS } from '../test/e2e/helpers/stored-objects.ts';
import { waitForJobCondition } from '../test/e2e/helpers/wait.ts';

const OUT = join(REPO_ROOT, 'test', 'fixtures', 'stored');

const namespace = await createNamespace('stored-fixtures', { prefix: 'fixture' });
try {
  for (const original of STORED_ORIGINALS) await createOriginal(namespace, original);
  await waitForJobCondition(namespace, 'pi', 'Complete');
  for (const original of STORED_ORIGINALS)
    writeFileSync(join(OUT, `${original.id}.yaml`), await exportStored(namespace, original));
  const pi = STORED_ORIGINALS.find((o) => o.id === 'job-pi')!;
  writeFileSync(join(OUT, 'job-pi-managed-fields.yaml'), await exportStored(namespace, pi, '--show-managed-fields'));
  writeFileSync(join(OUT, 'list.yaml'), await kubectl(['get', 'job,cronjob', '-n', namespace, '-o', 'yaml']));
  console.error(`recorded into ${OUT} from namespace ${namespace}`);
} finally {
  await deleteNamespace(namespace);
}
