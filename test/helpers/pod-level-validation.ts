import {
  FieldPath,
  obj,
  own,
  validateAffinity,
  validateDNSPolicy,
  validateHostAliases,
  validatePodDNSConfig,
  validatePodSecurityContext,
  validateScheduling,
  validateTolerations,
  validateTopologySpreadConstraints,
  validateVolumes,
  type FieldError,
} from '../../kubernetes/index.ts';
import type { CorpusCase } from './corpus.ts';
import { loadCorpus, manifestOf } from './corpus.ts';

/** The corpus files (in test/corpus/create) whose errors all come from the pod-level validators. */
export const POD_LEVEL_FILES: readonly string[] = [
  'affinity',
  'dns',
  'host-aliases',
  'pod-security-context',
  'scheduling',
  'tolerations',
  'topology-spread',
  'volume-sources',
  'volumes',
].map((area) => `pod-template-${area}.yaml`);

/** Those cases of the create corpus. */
export function loadPodLevelCorpus(): CorpusCase[] {
  return loadCorpus().filter((c) => POD_LEVEL_FILES.includes(c.file));
}

/**
 * The pod-level validators of kubernetes/pod-validation/ run on a corpus case's pod template, at
 * the paths the API server reports (`spec.template.spec...`). The pod-level corpus holds only
 * cases whose errors all come from these validators, so their errors must equal the server's.
 */
export function podLevelErrors(c: CorpusCase): FieldError[] {
  const manifest = manifestOf(c);
  const spec = obj(obj(obj(manifest, 'spec'), 'template'), 'spec');
  const path = FieldPath.root('spec', 'template', 'spec');
  return [
    ...validateVolumes(own(spec, 'volumes'), path.child('volumes')).errors,
    ...validatePodSecurityContext(own(spec, 'securityContext'), path.child('securityContext'), spec),
    ...validateAffinity(own(spec, 'affinity'), path.child('affinity')),
    ...validateDNSPolicy(own(spec, 'dnsPolicy'), path.child('dnsPolicy')),
    ...validatePodDNSConfig(own(spec, 'dnsConfig'), path.child('dnsConfig'), own(spec, 'dnsPolicy')),
    ...validateTolerations(own(spec, 'tolerations'), path.child('tolerations')),
    ...validateTopologySpreadConstraints(
      own(spec, 'topologySpreadConstraints'),
      path.child('topologySpreadConstraints'),
    ),
    ...validateHostAliases(own(spec, 'hostAliases'), path.child('hostAliases')),
    ...validateScheduling(spec, path),
  ];
}
