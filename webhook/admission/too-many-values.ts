import { emptyDecision, type Decision } from './decision.ts';
import type { AdmissionEndpoint } from './admission-endpoint.ts';
import type { AdmissionPolicy } from '../../policy/index.ts';
import type { AdmissionRequest } from './review.ts';
import { skippedDecision } from './decision.ts';
import { toScope } from './scope.ts';

/**
 * An object with more JSON values than job-x decodes (the server refuses to build it, see
 * webhook/server/request-cost.ts): only the review's envelope is known, the object and oldObject are null.
 */
export interface TooManyValues {
  readonly which: 'object' | 'oldObject';
  readonly values: number;
  readonly limit: number;
}

/**
 * The answer to a review whose object is too large to judge. What is not job-x's to judge is
 * skipped as usual (another kind, a subresource, DELETE, an exempt namespace). Otherwise:
 * - /validate denies a CREATE (a policy webhook that cannot judge must not wave an object in), and
 *   allows an UPDATE with a warning: the object exists already, and blocking its updates (its
 *   finalizers coming off, among others) would do more harm than letting them pass unjudged;
 * - /mutate allows it unchanged with a warning, as it does when it fails.
 */
export function tooManyValuesDecision(
  endpoint: AdmissionEndpoint,
  request: AdmissionRequest,
  policy: AdmissionPolicy,
  tooMany: TooManyValues,
): Decision {
  // The envelope has no object: an empty one stands in, for the checks that need none.
  const scope = toScope({ ...request, object: {} }, policy);
  if (!scope.in) return skippedDecision(request.uid, 'skip' in scope ? scope.skip : 'not-a-job');
  if (endpoint === 'mutate' && scope.operation !== 'CREATE') return skippedDecision(request.uid, 'operation');
  const what = `request.${tooMany.which} holds ${tooMany.values} JSON values, more than the ${tooMany.limit} job-x decodes (a large real ${scope.kind} holds a few thousand)`;
  if (endpoint === 'validate' && scope.operation === 'CREATE') {
    return emptyDecision(
      {
        uid: request.uid,
        allowed: false,
        status: {
          status: 'Failure',
          message: `job-x cannot judge this ${scope.kind}: ${what}`,
          reason: 'RequestEntityTooLarge',
          code: 413,
        },
      },
      'too_large',
    );
  }
  const unjudged = endpoint === 'validate' ? 'not judged' : 'no defaults applied';
  return emptyDecision({ uid: request.uid, allowed: true, warnings: [`[job-x] ${unjudged}: ${what}`] }, 'too_large');
}
