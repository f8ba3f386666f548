import { DOCS } from '../docs-urls.ts';
import { documentDecodeProblems } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'field-types',
  origin: 'apiserver',
  severity: 'error',
  stage: 'lint',
  docs: {
    summary:
      'Every Job and CronJob field has the type the API expects: integers where integers go (int32 and int64 in range, no fraction), strings, booleans, lists and objects.',
    rationale:
      'The API server decodes the request into typed structs before validating it; `completions: "3"`, `completions: 1.5`, `backoffLimit: 3000000000` or `activeDeadlineSeconds: 1e19` is refused with BadRequest. kubectl sends `1e3` and `1.0` as 1000 and 1, which are accepted; the message is the API server\'s own.',
    remediation: 'Write the value with the type the field expects (for example `completions: 3`, not `"3"`).',
    url: DOCS.jobSpec,
  },
  check(view) {
    return documentDecodeProblems(view.raw, view.kind)
      .filter((p) => p.kind === 'type')
      .map((p) => ({ path: p.path, message: p.message }));
  },
});
