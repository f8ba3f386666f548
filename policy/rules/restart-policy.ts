import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { has } from '../../kubernetes/index.ts';
import { restartPolicyOf } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

const restartPolicyFix = (path: string): string =>
  `Set \`${path}: Never\` (preferred: failed pods and their logs are kept) or \`OnFailure\`.`;
/** A pod failure policy reads the exit codes of failed pods: OnFailure is not accepted with it. */
const restartPolicyFixWithPodFailurePolicy = (path: string): string =>
  `Set \`${path}: Never\`: it is the only value accepted with a podFailurePolicy.`;

export default defineRule({
  id: 'restart-policy',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  docs: {
    summary: 'A Job pod template needs restartPolicy OnFailure or Never (Never when a podFailurePolicy is set).',
    rationale:
      'An omitted restartPolicy defaults to Always, which a Job rejects: its pods must be able to finish. A pod failure policy reads exit codes of failed pods, so it needs Never.',
    remediation: restartPolicyFix('spec.template.spec.restartPolicy'),
    url: DOCS.podTemplate,
  },
  check(view) {
    const value = restartPolicyOf(view.spec) ?? '';
    const path = view.specPath.child('template', 'spec', 'restartPolicy');
    const errors: FieldError[] = [];
    // The Job's own check; the pod's (validateRestartPolicy) is part of the pod-template rule.
    if (value === 'Always' || value === '')
      errors.push(fieldError.required(path, 'valid values: "OnFailure", "Never"'));
    else if (value !== 'OnFailure' && value !== 'Never')
      errors.push(fieldError.notSupported(path, value, ['OnFailure', 'Never']));
    else if (has(view.spec, 'podFailurePolicy') && value !== 'Never')
      errors.push(fieldError.invalid(path, value, 'only "Never" is supported when podFailurePolicy is specified'));
    const fix = has(view.spec, 'podFailurePolicy') ? restartPolicyFixWithPodFailurePolicy : restartPolicyFix;
    return errors.map((error) => ({ ...error, remediation: fix(path.toString()) }));
  },
});
