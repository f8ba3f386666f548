import { parse, stringify } from 'yaml';

const CONTROLLER_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];

/**
 * What lint's job-selector message tells the user to do with a copy of a stored Job
 * (`kubectl get job -o yaml`): remove spec.selector and the template's controller-uid labels,
 * which the API server then generates for the copy's own uid.
 */
export function withoutGeneratedSelector(exported: string): string {
  const object = parse(exported) as { spec: { selector?: unknown; template: { metadata?: { labels?: object } } } };
  delete object.spec.selector;
  const labels = object.spec.template.metadata?.labels as Record<string, unknown> | undefined;
  for (const key of CONTROLLER_UID_LABELS) if (labels) delete labels[key];
  return stringify(object);
}
