import { int, obj, objects, str, type JsonObject } from './decoded-access.ts';

/** Small readers over a (defaulted) Job spec, shared by rules and explain. */

export function podSpecOf(spec: JsonObject): JsonObject | undefined {
  return obj(obj(spec, 'template'), 'spec');
}

/** Names of containers and init containers (what podFailurePolicy's containerName may name). */
export function containerNames(spec: JsonObject): Set<string> {
  const podSpec = podSpecOf(spec);
  const names = new Set<string>();
  for (const key of ['containers', 'initContainers']) {
    for (const container of objects(podSpec, key)) {
      const name = str(container, 'name');
      if (name !== undefined) names.add(name);
    }
  }
  return names;
}

export function restartPolicyOf(spec: JsonObject): string | undefined {
  return str(podSpecOf(spec), 'restartPolicy');
}

export function isIndexed(spec: JsonObject): boolean {
  return str(spec, 'completionMode') === 'Indexed';
}

export function podFailurePolicyRules(spec: JsonObject): JsonObject[] {
  return objects(obj(spec, 'podFailurePolicy'), 'rules');
}

export function completionsOf(spec: JsonObject): number | undefined {
  return int(spec, 'completions');
}
