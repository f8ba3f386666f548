import { ConfigError, yamlPackage } from '../../edge/index.ts';
import { describeError } from '../../kubernetes/index.ts';
import type { AdmissionPolicy } from '../../policy/index.ts';
import { fetchConfigMapData, KubeApiError, KubeNotFoundError, type KubeClient } from '../kube/index.ts';
import { toClusterPolicy } from './audit-policy.ts';

/** The keys the webhook's ConfigMap may hold its policy under, in order of preference. */
const POLICY_KEYS = ['policy.json', 'policy.yaml', 'policy.yml'];
const DEFAULT_CONFIGMAP = { namespace: 'job-x-system', name: 'job-x-policy' };

/**
 * --from-cluster [NAMESPACE/NAME]: the policy the deployed webhook runs, from its ConfigMap (by
 * default job-x-system/job-x-policy, which the Deployment mounts at /etc/job-x/policy). Needs
 * `get` on that ConfigMap only.
 */
export async function fetchClusterPolicy(
  client: KubeClient,
  reference: string | true,
): Promise<{ policy: AdmissionPolicy; source: string }> {
  const { namespace, name } = reference === true ? DEFAULT_CONFIGMAP : parseReference(reference);
  const where = `configmap ${namespace}/${name}`;
  let data: Record<string, string>;
  try {
    data = await fetchConfigMapData(client, namespace, name);
  } catch (error) {
    if (!(error instanceof KubeNotFoundError || (error instanceof KubeApiError && error.statusCode === 404)))
      throw error;
    throw new ConfigError(`--from-cluster: ${where} not found`, {
      hint: [
        'kustomize adds a hash to the name (job-x-policy-<hash>): find it with ' +
          `kubectl get configmaps -n ${namespace}, then pass --from-cluster ${namespace}/<name>.`,
      ],
    });
  }
  const keys = Object.keys(data);
  const key = POLICY_KEYS.find((k) => Object.hasOwn(data, k)) ?? (keys.length === 1 ? keys[0] : undefined);
  if (key === undefined)
    throw new ConfigError(
      `--from-cluster: ${where} holds no policy (no key ${POLICY_KEYS.join(', ')}${keys.length > 0 ? `; it has ${keys.join(', ')}` : ''})`,
    );
  let document: unknown;
  try {
    document = key.endsWith('.json') ? JSON.parse(data[key]!) : yamlPackage().parse(data[key]!, { version: '1.1' });
  } catch (error) {
    throw new ConfigError(`the policy in ${where} (${key}) cannot be read: ${describeError(error).split('\n')[0]}`);
  }
  return { policy: await toClusterPolicy(document, `${where} (${key})`), source: where };
}

function parseReference(text: string): { namespace: string; name: string } {
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/.exec(text);
  if (!match)
    throw new ConfigError(`--from-cluster ${JSON.stringify(text)}: give NAMESPACE/NAME of the webhook's ConfigMap`);
  return { namespace: match[1]!, name: match[3]! };
}
