import { DOCS } from '../docs-urls.ts';
import { str } from '../../kubernetes/index.ts';
import type { JobView } from '../job-view.ts';
import { defineRule } from '../rule.ts';

/** Versions of the batch group that once served Jobs or CronJobs, and when they went. */
const REMOVED: Readonly<Record<string, string>> = {
  'batch/v1beta1': 'batch/v1beta1 was removed in Kubernetes 1.25',
  'batch/v2alpha1': 'batch/v2alpha1 was removed in Kubernetes 1.21',
};

/**
 * What kubectl or the API server says of a Job or CronJob it cannot take, at the field to fix:
 * no apiVersion or no kind (kubectl's own validation), an unserved version (kubectl's REST
 * mapping: "no matches for kind"), or a kind in the wrong case (the discovery mapper knows `job`,
 * and the server's decoder refuses it; any other spelling has no mapping).
 */
function servedTypeFinding(view: JobView): { path: string; message: string } | undefined {
  const written = str(view.raw, 'kind') ?? '';
  const apiVersion = view.apiVersion;
  const caseHint =
    written === view.kind || written === '' ? '' : `; kind is case-sensitive: use ${JSON.stringify(view.kind)}`;
  if (apiVersion === undefined || apiVersion === '')
    return { path: 'apiVersion', message: `apiVersion not set: kubectl refuses the object; use "batch/v1"${caseHint}` };
  const use = JSON.stringify(view.kind);
  if (written === '') return { path: 'kind', message: `kind not set: kubectl refuses the object; use ${use}` };
  if (apiVersion !== 'batch/v1') {
    const removed = REMOVED[apiVersion] === undefined ? '' : ` (${REMOVED[apiVersion]})`;
    return {
      path: 'apiVersion',
      message: `no matches for kind ${JSON.stringify(written)} in version ${JSON.stringify(apiVersion)}: ${view.kind}s are served as batch/v1 only${removed}${caseHint}`,
    };
  }
  if (written === view.kind) return undefined;
  const refusal =
    written === written.toLowerCase()
      ? `no kind ${JSON.stringify(written)} is registered for version "batch/v1"`
      : `no matches for kind ${JSON.stringify(written)} in version "batch/v1"`;
  const fix =
    written.trim() === view.kind ? `remove the spaces around it: ${use}` : `kind is case-sensitive; use ${use}`;
  return { path: 'kind', message: `${refusal}: ${fix}` };
}

export default defineRule({
  id: 'api-version',
  origin: 'apiserver',
  severity: 'error',
  stage: 'lint',
  docs: {
    summary: 'Jobs and CronJobs are served as batch/v1 only, with the kind spelled Job or CronJob.',
    rationale:
      'kubectl refuses an object without apiVersion; for any other version than batch/v1 (batch/v1beta1 CronJobs were removed in Kubernetes 1.25, batch/v2alpha1 in 1.21) it answers "no matches for kind"; a kind missing, in another case or with spaces around it is refused too.',
    remediation: 'Set apiVersion to `batch/v1` and spell the kind `Job` or `CronJob` (the fields are the same).',
    url: DOCS.apiDeprecations,
  },
  check(view) {
    const finding = servedTypeFinding(view);
    return finding ? [finding] : [];
  },
});
