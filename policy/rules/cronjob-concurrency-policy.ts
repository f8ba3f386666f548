import { fieldError } from '../../kubernetes/index.ts';
import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { obj, str } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const POLICIES = ['Allow', 'Forbid', 'Replace'];

export default defineRule({
  id: 'cronjob-concurrency-policy',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  kinds: ['CronJob'],
  docs: {
    summary: 'concurrencyPolicy is Allow, Forbid or Replace (case-sensitive).',
    rationale: 'The API server rejects any other value.',
    remediation: 'Use `Allow` (the default), `Forbid` or `Replace`.',
    url: DOCS.cronConcurrency,
  },
  check(view) {
    const value = str(obj(view.object, 'spec'), 'concurrencyPolicy') ?? '';
    const path = FieldPath.root('spec', 'concurrencyPolicy');
    if (value === '') return [fieldError.required(path)];
    return POLICIES.includes(value) ? [] : [fieldError.notSupported(path, value, POLICIES)];
  },
});
