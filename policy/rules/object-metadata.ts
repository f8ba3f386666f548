import { fieldError, type FieldError } from '../../kubernetes/index.ts';
import { FieldPath } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { obj, str } from '../../kubernetes/index.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../../kubernetes/index.ts';
import { checkAnnotations, checkLabels } from '../../kubernetes/index.ts';
import { defineRule } from '../rule.ts';

/** NameIsDNSSubdomain with prefix=true masks a trailing dash before checking. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

export default defineRule({
  id: 'object-metadata',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  docs: {
    summary: 'The object metadata the API server validates: name or generateName, namespace, labels and annotations.',
    rationale:
      'ValidateObjectMeta rejects a missing or non-DNS-subdomain name, a bad namespace, and malformed label or annotation keys and values.',
    remediation:
      'Use a lowercase DNS subdomain name (a DNS label of at most 63 characters is best) and valid label and annotation keys and values.',
    url: DOCS.objectNames,
  },
  check(view) {
    const errors: FieldError[] = [];
    const metadataPath = FieldPath.root('metadata');
    const rawMetadata = obj(view.raw, 'metadata');
    const generateName = str(rawMetadata, 'generateName');
    if (generateName !== undefined && generateName !== '') {
      for (const msg of dns1123SubdomainErrors(maskTrailingDash(generateName)))
        errors.push(fieldError.invalid(metadataPath.child('generateName'), generateName, msg));
    }
    const name = str(obj(view.object, 'metadata'), 'name') ?? '';
    if (name === '') errors.push(fieldError.required(metadataPath.child('name'), 'name or generateName is required'));
    else
      for (const msg of dns1123SubdomainErrors(name))
        errors.push(fieldError.invalid(metadataPath.child('name'), name, msg));
    const namespace = str(rawMetadata, 'namespace');
    if (namespace !== undefined && namespace !== '') {
      for (const msg of dns1123LabelErrors(namespace))
        errors.push(fieldError.invalid(metadataPath.child('namespace'), namespace, msg));
    }
    // The defaulted metadata: a Job without labels takes its template's, generated ones included.
    const metadata = obj(view.object, 'metadata');
    errors.push(...checkLabels(obj(metadata, 'labels'), metadataPath.child('labels')));
    errors.push(...checkAnnotations(obj(metadata, 'annotations'), metadataPath.child('annotations')));
    return errors;
  },
});
