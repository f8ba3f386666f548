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
      'Every field of a Job or CronJob, pod template included, has the type the API expects: integers where integers go (int32 and int64 in range, no fraction), strings, booleans, lists, objects, quantities, int-or-strings and times.',
    rationale:
      'The API server decodes the request into typed structs before validating it; `completions: "3"`, `completions: 1.5`, `backoffLimit: 3000000000`, `activeDeadlineSeconds: 1e19` or `cpu: lots` is refused with BadRequest. kubectl sends `1e3` and `1.0` as 1000 and 1, which are accepted. Like the server, lint reports one decode error: the first in kubectl\'s order (keys sorted), unless a quantity, int-or-string or time stops the decoder first; the message is the API server\'s own.',
    remediation: 'Write the value with the type the field expects (for example `completions: 3`, not `"3"`).',
    url: DOCS.jobSpec,
  },
  check(view) {
    return documentDecodeProblems(view.raw, view.kind)
      .filter((p) => p.kind === 'type')
      .map((p) => ({ path: p.path, message: p.message }));
  },
});
