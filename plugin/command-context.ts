// What a command needs from the world it runs in: its three streams, the environment, the
// terminal (is it one, how wide, may it have colour) and the cluster the kubectl flags choose.
// main() creates one context per run (processCommandContext, the only code of the CLI that reads
// `process`), and every command takes it as its last argument; tests build their own with
// createCommandContext. So no command reads process.env or process.stdout, and the width, colour
// and kube-client decisions are made here once instead of in each command.
import type { KubeClient, KubeFlags } from './kube/index.ts';
import type { ColorMode } from './format/index.ts';

/** Where a command writes: stdout for data, stderr for notes, warnings and errors. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width in columns, when it is one. */
  readonly columns?: number;
}

export type InputStream = NodeJS.ReadableStream & { readonly isTTY?: boolean };

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * How wide a view's text may be. On a terminal: its width, but at least `min` (wrapping at 30
 * columns helps nobody) and at most `max` (long lines are hard to read). Off a terminal (a pipe,
 * a file): `otherwise`, or undefined when the view is then not wrapped at all.
 */
export interface WidthBounds {
  readonly min: number;
  readonly max?: number;
  readonly otherwise?: number;
}

export interface CommandContext {
  readonly stdin: InputStream;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Environment;
  /** Whether stdout gets colour: --color, else a terminal without NO_COLOR and not TERM=dumb. */
  color(mode: ColorMode): boolean;
  /** The width stdout's text fits in (see WidthBounds). */
  width(bounds: WidthBounds): number | undefined;
  /**
   * A client for the cluster the kubectl flags choose, with this context's environment
   * (KUBECONFIG, HOME, proxies), its terminal (whether an exec credential plugin may prompt on
   * stdin) and JOBX_KUBE_TRACE=1 tracing each request on stderr. Loaded on first use: --help
   * and lint never load the client.
   */
  kubeClient(flags: KubeFlags): Promise<KubeClient>;
}

export interface CommandIo {
  readonly stdin: InputStream;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Environment;
}

/** The context of this process: the one place the CLI reads process.std* and process.env. */
export function processCommandContext(): CommandContext {
  return createCommandContext({
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}

export function createCommandContext(io: CommandIo): CommandContext {
  const { stdin, stdout, stderr, env } = io;
  return {
    stdin,
    stdout,
    stderr,
    env,
    color: (mode) => colorEnabled(mode, stdout.isTTY === true, env),
    width: (bounds) => textWidth(bounds, stdout),
    async kubeClient(flags) {
      const { createKubeClient } = await import('./kube/client.ts');
      return createKubeClient(flags, {
        env,
        stdinIsTTY: stdin.isTTY === true,
        trace: env.JOBX_KUBE_TRACE ? (line) => stderr.write(`job-x: ${line}\n`) : undefined,
      });
    },
  };
}

/** no-color.org: a non-empty NO_COLOR turns colour off unless asked for; so does a dumb terminal. */
export function colorEnabled(mode: ColorMode, isTty: boolean, env: Environment): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  return isTty && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

export function textWidth(bounds: WidthBounds, stdout: Pick<OutputStream, 'isTTY' | 'columns'>): number | undefined {
  const columns = stdout.isTTY === true ? stdout.columns : undefined;
  // A terminal that does not say its width (columns 0 or unknown) is treated like a pipe.
  if (columns === undefined || !(columns > 0)) return bounds.otherwise;
  return Math.min(Math.max(columns, bounds.min), bounds.max ?? Number.POSITIVE_INFINITY);
}
