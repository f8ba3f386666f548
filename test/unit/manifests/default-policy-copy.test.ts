// manifests/base/policy.json is what the Deployment mounts (kustomize cannot read files outside
// manifests/, hence a copy); it must stay the policy the webhook ships with.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('manifests/base/policy.json', () => {
  test('is a byte-for-byte copy of policy/default-policy.json', () => {
    const shipped = readFileSync(join(ROOT, 'policy', 'default-policy.json'), 'utf8');
    const copy = readFileSync(join(ROOT, 'manifests', 'base', 'policy.json'), 'utf8');

    expect(copy).toBe(shipped);
  });
});
