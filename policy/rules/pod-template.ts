import { obj, validatePodTemplateSpec } from '../../kubernetes/index.ts';
import { DOCS } from '../docs-urls.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'pod-template',
  origin: 'apiserver',
  severity: 'error',
  stage: 'both',
  docs: {
    summary:
      'The pod template passes the pod validation of the API server (ValidatePodTemplateSpec of Kubernetes 1.36.4): containers, init containers and sidecars, env, ports, resources, probes, lifecycle, security contexts, volumes, mounts and devices, affinity, tolerations, topology spread, DNS, host aliases, scheduling and OS rules, pod-level resources and the other pod fields.',
    rationale:
      'A Job or CronJob whose template fails pod validation is rejected on create with these field errors, such as `volumeMounts[0].name: Not found` for a mount of a volume the pod does not declare. Checks that depend on a feature gate follow the defaults of 1.36.4: ContainerRestartRules and RestartAllContainersOnContainerExits (beta, on) allow container restart policies and rules; EnvFiles (beta, on) allows `fileKeyRef`; RelaxedEnvironmentVariableValidation (GA) allows any printable ASCII env name but `=`; PodLifecycleSleepActionAllowZero (GA) allows `sleep.seconds: 0`; ContainerStopSignals (alpha, off) drops `lifecycle.stopSignal` before validation.',
    remediation: 'Fix the value at the reported path as the message says.',
    url: DOCS.podTemplate,
  },
  check(view) {
    const template = obj(view.spec, 'template') ?? {};
    return validatePodTemplateSpec(template, view.specPath.child('template'));
  },
});
