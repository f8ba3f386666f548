import { FieldPath } from '../../kubernetes/index.ts';
import type { Finding, JobView } from '../../policy/index.ts';
import type { Status, StatusCause } from './review.ts';

/** More causes than this are summed up in one last cause; kubectl prints one line per cause. */
export const MAX_CAUSES = 50;

/**
 * A denial in the shape the API server gives its own validation errors (apierrors.NewInvalid):
 * `422 Invalid` with one cause per finding. kubectl prints such a Status as
 * `The Job "name" is invalid:` followed by `* <field>: <message>` per cause (kubectl cmd/util
 * checkErr), so each cause says what is wrong, what to change and which job-x rule asked for it.
 * The API server prefixes `message` with `admission webhook "<name>" denied the request: `
 * (webhook/errors.ToStatusErr); clients that print the message show that.
 */
export function toDenialStatus(
  view: JobView,
  name: string,
  findings: readonly Finding[],
  remediations: ReadonlyMap<string, string>,
): Status {
  const causes: StatusCause[] = findings.slice(0, MAX_CAUSES).map((finding) => ({
    reason: causeReason(view, finding),
    // The finding's own remediation fits this object; the rule's docs are the general case.
    message: causeMessage(finding, finding.remediation ?? remediations.get(finding.ruleId)),
    field: finding.path,
  }));
  if (findings.length > MAX_CAUSES) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `${findings.length - MAX_CAUSES} more job-x findings not shown; run kubectl job-x lint on the manifest to see them all`,
      field: '',
    });
  }
  const errors = causes.map((cause) => `${cause.field}: ${cause.message}`);
  // field.ErrorList.ToAggregate().Error(): the one error, or all of them in brackets.
  const aggregate = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return {
    status: 'Failure',
    message: `${view.kind}.batch ${JSON.stringify(name)} is invalid: ${aggregate}`,
    reason: 'Invalid',
    code: 422,
    details: { name, group: 'batch', kind: view.kind, causes },
  };
}

function causeMessage(finding: Finding, remediation: string | undefined): string {
  const fix =
    remediation ??
    (finding.ruleId === 'internal-error'
      ? 'This is a bug in job-x: please report it; meanwhile the annotation ignore.job-x.dev/internal-error: "<reason>" lets the object through.'
      : undefined);
  return fix
    ? `${finding.message}. ${fix} (job-x rule ${finding.ruleId})`
    : `${finding.message} (job-x rule ${finding.ruleId})`;
}

/**
 * `FieldValueRequired` when the finding points at a field the object does not have (a policy that
 * requires a field), `FieldValue<type>` for a typed API server finding, else `FieldValueInvalid`.
 */
function causeReason(view: JobView, finding: Finding): string {
  if (finding.type) return `FieldValue${finding.type}`;
  if (finding.path !== '' && !hasPath(view.raw, finding.path)) return 'FieldValueRequired';
  return 'FieldValueInvalid';
}

function hasPath(object: unknown, path: string): boolean {
  let node: unknown = object;
  for (const segment of FieldPath.parse(path).segments) {
    if (segment.kind === 'index') {
      if (!Array.isArray(node) || segment.index >= node.length) return false;
      node = node[segment.index];
      continue;
    }
    const key = segment.kind === 'field' ? segment.name : segment.key;
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== undefined && node !== null;
}
