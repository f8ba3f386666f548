import { DOCS } from '../docs-urls.ts';
import { arr, obj, str } from '../../kubernetes/index.ts';
import { podFailurePolicyRules, podSpecOf } from '../../kubernetes/index.ts';
import { defineRule, type Report } from '../rule.ts';

const MAX_LINUX_EXIT_CODE = 255;

export default defineRule({
  id: 'exit-code-out-of-range',
  origin: 'policy',
  severity: 'error',
  stage: 'both',
  docs: {
    summary: 'onExitCodes values outside 0-255 can never match a Linux container.',
    rationale:
      'A Linux process exit status is 8 bits (a signal shows as 128+n); the API server accepts any int32, so a rule for 256 or -1 silently never fires and failures are counted as usual.',
    remediation: 'Use the exit code the process really returns, between 1 and 255 (137 for SIGKILL, 143 for SIGTERM).',
    url: DOCS.podFailurePolicy,
  },
  cel: {
    paths:
      "$spec.template.spec.?os.?name.orValue('') == 'windows' ? [] : $spec.?podFailurePolicy.?rules.orValue([]).transformList(i, r, has(r.onExitCodes), r.onExitCodes.?values.orValue([]).transformList(j, v, v < 0 || v > 255, $specPath + '.podFailurePolicy.rules[' + string(i) + '].onExitCodes.values[' + string(j) + ']')).flatten()",
  },
  check(view) {
    // Windows exit codes are 32-bit (HRESULTs such as 3221225477 read as negative int32).
    if (str(obj(podSpecOf(view.spec), 'os'), 'name') === 'windows') return [];
    const reports: Report[] = [];
    podFailurePolicyRules(view.spec).forEach((rule, i) => {
      (arr(obj(rule, 'onExitCodes'), 'values') ?? []).forEach((value, j) => {
        if (typeof value === 'number' && (value < 0 || value > MAX_LINUX_EXIT_CODE)) {
          reports.push({
            path: view.specPath
              .child('podFailurePolicy', 'rules')
              .index(i)
              .child('onExitCodes', 'values')
              .index(j)
              .toString(),
            message: `exit code ${value} is outside 0-255 and can never match a Linux container`,
          });
        }
      });
    });
    return reports;
  },
});
