import { InvalidArgumentError, type Command } from 'commander';
import { parseKubectlDuration } from './duration.ts';

/**
 * The cluster-access flags of every live view, with kubectl's names and meanings
 * (cli-runtime's genericclioptions), so `kubectl job-x ... --context prod -n batch` reads like
 * any kubectl command. Flags must follow the plugin name: kubectl does not pass flags written
 * before it.
 */
export interface KubeFlags {
  /** One kubeconfig file, used alone (KUBECONFIG and ~/.kube/config are then ignored). */
  kubeconfig?: string;
  /** The kubeconfig context to use instead of current-context. */
  context?: string;
  /** The kubeconfig cluster to use instead of the context's. */
  cluster?: string;
  /** The kubeconfig user to use instead of the context's. */
  user?: string;
  /** The namespace; else the context's, else "default". */
  namespace?: string;
  /** Look in every namespace (commands that take it). */
  allNamespaces?: boolean;
  /** kubectl duration text ("30s", "1m", "5" = seconds, "0" = no limit); see parseRequestTimeout. */
  requestTimeout?: string;
}

/**
 * kubectl waits for ever by default; a diagnosis that hangs on a dead load balancer helps nobody,
 * and no single request job-x makes (one page of 500 pods at most) needs anywhere near this.
 */
export const DEFAULT_REQUEST_TIMEOUT = '30s';

/** Milliseconds for a --request-timeout value (0: no limit). Throws InvalidArgumentError. */
export function parseRequestTimeout(text: string): number {
  const ms = parseKubectlDuration(text);
  if (ms === undefined) {
    throw new InvalidArgumentError(
      'must be a whole number of seconds or a number with a unit, e.g. 30s, 2m, 1h, 500ms (0 = no limit)',
    );
  }
  return ms;
}

const validateTimeout = (text: string): string => {
  parseRequestTimeout(text);
  return text;
};

/** Adds kubectl's flags to a command; `-A` only where a command can look across namespaces. */
export function addKubeFlags(command: Command, options: { allNamespaces?: boolean } = {}): Command {
  command
    .option('-n, --namespace <namespace>', "the namespace (default: the context's namespace, else default)")
    .option(
      '--kubeconfig <file>',
      'path to a kubeconfig file, used alone (default: $KUBECONFIG, else ~/.kube/config, else in-cluster)',
    )
    .option('--context <name>', 'the kubeconfig context to use')
    .option('--cluster <name>', 'the kubeconfig cluster to use')
    .option('--user <name>', 'the kubeconfig user to use');
  if (options.allNamespaces) command.option('-A, --all-namespaces', 'look in every namespace (ignores -n)', false);
  return command.option(
    '--request-timeout <duration>',
    'give up on a single API request after this long (e.g. 10s, 1m; a number is seconds; 0 = no limit)',
    validateTimeout,
    DEFAULT_REQUEST_TIMEOUT,
  );
}
