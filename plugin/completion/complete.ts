import type { Command, Option } from 'commander';
import { RULES } from '../../policy/index.ts';
import type { KubeClient, KubeFlags } from '../kube/index.ts';
import { SHELLS } from './shells.ts';

/**
 * `kubectl-job_x __complete WORDS… PARTIAL`: the completion protocol of kubectl's own commands
 * (cobra's), which kubectl >= 1.26 also speaks to plugins through `kubectl_complete-job_x`: one
 * candidate a line, then `:DIRECTIVE`. The shell scripts of `completion` (shell-scripts.ts) ask it too.
 */
export const DIRECTIVE = { default: 0, error: 1, noSpace: 2, noFileComp: 4 } as const;

export interface Completion {
  readonly candidates: readonly string[];
  readonly directive: number;
}

/** Lists Jobs, CronJobs and namespaces for the cluster-name completions (none on any error). */
export type ClusterNames = (flags: KubeFlags, what: 'jobs' | 'cronjobs' | 'namespaces') => Promise<string[]>;

const NAMED_COMMANDS = new Set(['explain', 'diagnose', 'index-status']);

export async function complete(program: Command, words: readonly string[], names: ClusterNames): Promise<Completion> {
  const partial = words.at(-1) ?? '';
  let command = program;
  let pending: Option | undefined;
  const given: Record<string, string> = {};
  for (const word of words.slice(0, -1)) {
    if (pending) {
      given[pending.attributeName()] = word;
      pending = undefined;
    } else if (word.startsWith('-')) {
      const [flag, value] = word.split(/=(.*)/s, 2) as [string, string | undefined];
      const option = command.options.find((o) => o.long === flag || o.short === flag);
      if (option && (option.required || option.optional)) {
        if (value === undefined) pending = option;
        else given[option.attributeName()] = value;
      }
    } else {
      const sub = command.commands.find((c) => c.name() === word && !hidden(c));
      if (sub && command === program) command = sub;
    }
  }
  const kube: KubeFlags = { namespace: given.namespace, kubeconfig: given.kubeconfig, context: given.context };
  const filter = (candidates: readonly string[], directive: number = DIRECTIVE.noFileComp): Completion => ({
    candidates: candidates.filter((c) => c.startsWith(partial)),
    directive,
  });
  if (pending) return completeValue(pending, kube, names, filter);
  if (partial.startsWith('-')) return filter(command.options.flatMap((o) => (o.hidden ? [] : [o.long ?? o.short!])));
  if (command === program) return filter(program.commands.filter((c) => !hidden(c)).map((c) => c.name()));
  switch (command.name()) {
    case 'rules':
      return filter(RULES.map((r) => r.id));
    case 'completion':
      return filter(SHELLS);
    case 'lint':
      return { candidates: [], directive: DIRECTIVE.default };
  }
  if (!NAMED_COMMANDS.has(command.name())) return filter([]);
  if (partial.startsWith('cronjob/')) return filter((await names(kube, 'cronjobs')).map((name) => `cronjob/${name}`));
  if (partial.startsWith('job/')) return filter((await names(kube, 'jobs')).map((name) => `job/${name}`));
  return filter(await names(kube, 'jobs'));
}

async function completeValue(
  option: Option,
  kube: KubeFlags,
  names: ClusterNames,
  filter: (candidates: readonly string[], directive?: number) => Completion,
): Promise<Completion> {
  if (option.argChoices) return filter(option.argChoices);
  switch (option.long) {
    case '--namespace':
      return filter(await names({ ...kube, namespace: undefined }, 'namespaces'));
    case '--filename':
    case '--policy':
    case '--kubeconfig':
    case '--save':
      return { candidates: [], directive: DIRECTIVE.default };
  }
  return filter([]);
}

const hidden = (command: Command): boolean => command.name().startsWith('__');

/** The cluster lookups through job-x's own client; an unreachable cluster completes nothing. */
export function clusterNames(client: (flags: KubeFlags) => Promise<KubeClient>): ClusterNames {
  return async (flags, what) => {
    let kube: KubeClient | undefined;
    try {
      kube = await client({ ...flags, requestTimeout: '5s' });
      const path =
        what === 'namespaces'
          ? '/api/v1/namespaces'
          : `/apis/batch/v1/namespaces/${encodeURIComponent(kube.namespace)}/${what}`;
      const { items } = await kube.list<{ metadata?: { name?: unknown } }, string>(
        path,
        {},
        {
          keep: (item) => (typeof item.metadata?.name === 'string' ? item.metadata.name : undefined),
          accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json',
        },
      );
      return items.sort();
    } catch {
      return [];
    } finally {
      kube?.close();
    }
  };
}

/** The protocol's text: candidates, then `:directive`. */
export function formatCompletion(completion: Completion): string {
  return `${[...completion.candidates, `:${completion.directive}`].join('\n')}\n`;
}
