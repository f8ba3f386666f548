/**
 * What lint renders before it lints: chart folders (a `Chart.yaml`) with `helm template`, kustomize
 * folders (a `kustomization.yaml`) with `kubectl kustomize`. One small object, filled from the CLI
 * flags (`--render`, `--no-render`, `--helm-values`, `--kube-version`) and, once config discovery
 * reads it, from the config's `lint.render` and `lint.kubeVersion`.
 */
export interface RenderSettings {
  readonly helm: boolean;
  readonly kustomize: boolean;
  /** Values files passed to every chart with `--values` (relative to the working folder; the config resolves its own). */
  readonly helmValues: readonly string[];
  /** The Kubernetes version charts are rendered for (`helm template --kube-version`), e.g. `1.33`. */
  readonly kubeVersion?: string;
  /** A render that takes longer is stopped and reported. */
  readonly timeoutMs: number;
  /** The most output a render may give (as the most lint reads of a file). */
  readonly maxOutputBytes: number;
}

export type RenderTool = 'helm' | 'kustomize';
export const RENDER_TOOLS: readonly RenderTool[] = ['helm', 'kustomize'];

export const DEFAULT_RENDER_TIMEOUT_MS = 60_000;

/**
 * Rendering is off unless `--render` or the config's `lint.render` turns it on: it runs a program
 * (and a chart may pull in dependencies), which a linter should not do unasked.
 */
export function renderSettings(overrides: Partial<RenderSettings> = {}): RenderSettings {
  return {
    helm: false,
    kustomize: false,
    helmValues: [],
    timeoutMs: DEFAULT_RENDER_TIMEOUT_MS,
    maxOutputBytes: 16 * 1024 * 1024,
    ...overrides,
  };
}
