import { fieldError } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { has, str } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pod-replacement-policy',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  needs: ['spec.podReplacementPolicy'],
  docs: {
    summary: 'podReplacementPolicy is Failed or TerminatingOrFailed, and only Failed when a podFailurePolicy is set.',
    rationale:
      'With a pod failure policy the controller must wait for terminating pods to reach a final phase before it can match their exit codes, so only `Failed` is allowed.',
    remediation: 'Use `podReplacementPolicy: Failed` (or leave it out) when the Job has a podFailurePolicy.',
    url: DOCS.podReplacement,
  },
  check(view) {
    const value = str(view.spec, 'podReplacementPolicy');
    if (value === undefined) return [];
    const path = view.specPath.child('podReplacementPolicy');
    if (has(view.spec, 'podFailurePolicy'))
      return value === 'Failed' ? [] : [fieldError.notSupported(path, value, ['Failed'])];
    return ['Failed', 'TerminatingOrFailed'].includes(value)
      ? []
      : [fieldError.notSupported(path, value, ['Failed', 'TerminatingOrFailed'])];
  },
});
