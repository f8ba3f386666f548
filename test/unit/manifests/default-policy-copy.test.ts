// manifests/base/policy.json is what the Deployment mounts (kustomize cannot read files outside
// manifests/, hence a copy); plugin/audit/default-policy.json is what `kubectl job-x audit` judges
// with by default (the plugin may not import webhook/). Both must stay the policy the webhook ships with.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe.each([
  ['manifests', 'base', 'policy.json'],
  ['plugin', 'audit', 'default-policy.json'],
])('%s/%s/%s', (...path) => {
  test('is a byte-for-byte copy of webhook/default-policy.json', () => {
    const shipped = readFileSync(join(ROOT, 'webhook', 'default-policy.json'), 'utf8');
    const copy = readFileSync(join(ROOT, ...path), 'utf8');

    expect(copy).toBe(shipped);
  });
});
