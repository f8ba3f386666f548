import { InvalidArgumentError, type Command } from 'commander';

// lint's rendering flags, apart from program.ts so that they stay one block (and `--help` loads
// nothing of the renderer). lint turns them into plugin/lint/render's RenderSettings.

/** What the flags set; unset fields are left to the config (or the defaults: no rendering). */
export interface RenderFlags {
  readonly helm?: boolean;
  readonly kustomize?: boolean;
  readonly helmValues?: readonly string[];
  readonly kubeVersion?: string;
  readonly timeoutMs?: number;
}

/** Kubernetes minor versions job-x knows (the version tables: kubernetes/versions). */
export const KUBE_VERSION = /^v?1\.(\d+)(?:\.\d+)?$/;

/** `--render helm,kustomize` (or `none`): the tools named, and only them. */
export function parseRenderList(text: string): { helm: boolean; kustomize: boolean } {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const chosen = { helm: false, kustomize: false };
  if (names.length === 1 && names[0] === 'none') return chosen;
  if (names.length === 0) throw new InvalidArgumentError('give helm, kustomize, helm,kustomize or none');
  for (const name of names) {
    if (name !== 'helm' && name !== 'kustomize')
      throw new InvalidArgumentError(`unknown renderer "${name}" (give helm, kustomize, helm,kustomize or none)`);
    chosen[name] = true;
  }
  return chosen;
}

const kubeVersion = (value: string): string => {
  const match = KUBE_VERSION.exec(value);
  if (!match) throw new InvalidArgumentError('must be a Kubernetes version such as 1.33 (or 1.33.5)');
  return `1.${match[1]}`;
};

interface RenderFlagValues {
  /** --render (parsed) or false for --no-render. */
  readonly render?: { helm: boolean; kustomize: boolean } | false;
  readonly helmValues: string[];
  readonly kubeVersion?: string;
  readonly renderTimeout?: number;
}

/** Adds --render, --no-render, --helm-values, --render-timeout and --kube-version to lint. */
export function addRenderFlags(command: Command, duration: (value: string) => number): Command {
  return command
    .option(
      '--render <tools>',
      'render Helm charts and/or kustomize folders before linting: helm, kustomize, helm,kustomize or none',
      parseRenderList,
    )
    .option('--no-render', 'render nothing (the config may turn rendering on)')
    .option(
      '--helm-values <file>',
      'a values file passed to helm template for every chart (repeatable)',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option('--render-timeout <duration>', 'stop a helm or kustomize run after this long (default 60s)', duration)
    .option(
      '--kube-version <version>',
      'the Kubernetes version the manifests target, 1.33 to 1.36 (default: 1.36)',
      kubeVersion,
    );
}

/** The flags' values as RenderFlags. */
export function toRenderFlags(values: RenderFlagValues): RenderFlags {
  const tools = values.render === false ? { helm: false, kustomize: false } : (values.render ?? {});
  return {
    ...tools,
    ...(values.helmValues.length > 0 ? { helmValues: values.helmValues } : {}),
    ...(values.kubeVersion !== undefined ? { kubeVersion: values.kubeVersion } : {}),
    ...(values.renderTimeout !== undefined ? { timeoutMs: values.renderTimeout } : {}),
  };
}
