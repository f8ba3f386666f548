import { DOCS } from '../docs-urls.ts';
import { obj } from '../../kubernetes/index.ts';
import { checkAnnotations, checkLabels } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pod-template-metadata',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  docs: {
    summary:
      'Pod template labels and annotations must be valid (the generated job-name label counts: a Job name over 63 characters is an invalid label value).',
    rationale:
      'ValidatePodTemplateSpec checks template label keys and values and annotation keys; it reports them at `spec.template.labels` and `spec.template.annotations`.',
    remediation:
      'Use qualified label keys and label values of at most 63 characters; keep the Job name at most 63 characters.',
    url: DOCS.labels,
  },
  check(view) {
    const metadata = obj(obj(view.spec, 'template'), 'metadata');
    const templatePath = view.specPath.child('template');
    return [
      ...checkLabels(obj(metadata, 'labels'), templatePath.child('labels')),
      ...checkAnnotations(obj(metadata, 'annotations'), templatePath.child('annotations')),
    ];
  },
});
