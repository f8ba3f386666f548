import { Command, InvalidArgumentError } from 'commander';
import { VERSION } from '../edge/index.ts';

export interface WebhookOptions {
  readonly tlsCertFile?: string;
  readonly tlsPrivateKeyFile?: string;
  readonly port: number;
  readonly host: string;
  readonly policy?: string;
  readonly shutdownDelay: number;
  readonly shutdownTimeout: number;
  readonly printDefaultPolicy: boolean;
  /** Plain-HTTP port for /healthz, /readyz and /metrics; unset: they share the HTTPS port. */
  readonly metricsPort?: number;
  readonly metricsHost?: string;
  /** For the watch of namespaces outside a cluster; in a pod, the service account is used. */
  readonly kubeconfig?: string;
}

export const DEFAULT_PORT = 8443;
/** Gatekeeper's --shutdown-delay: endpoints take a few seconds to drop a terminating pod. */
export const DEFAULT_SHUTDOWN_DELAY_SECONDS = 10;
export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 15;

const port = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535 (0 picks a free port)');
  return Number(value);
};

const seconds = (value: string): number => {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError('must be a number of seconds, 0 or more');
  return Number(value);
};

/** The command line of `job-x-webhook`; parse errors reach main() through exitOverride. */
export function createWebhookProgram(): Command {
  return new Command('job-x-webhook')
    .description(
      'The job-x admission webhook: validates and defaults batch/v1 Jobs and CronJobs (AdmissionReview v1 over HTTPS).',
    )
    .version(VERSION, '--version', 'print the job-x version')
    .option('--tls-cert-file <path>', 'PEM serving certificate (with its chain); reloaded when the file changes')
    .option('--tls-private-key-file <path>', 'PEM private key of the certificate; reloaded with it')
    .option('--port <port>', 'HTTPS port; 0 picks a free one (the "listening" log line names it)', port, DEFAULT_PORT)
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .option(
      '--metrics-port <port>',
      'plain-HTTP port for /healthz, /readyz and /metrics (the HTTPS port then serves admission only); default: they share the HTTPS port',
      port,
    )
    .option('--metrics-host <address>', 'address the metrics port listens on (default: as --host)')
    .option(
      '--kubeconfig <file>',
      "kubeconfig for the watch of namespaces (only for a policy with namespaceSelector or overrides); default: the pod's service account",
    )
    .option(
      '--policy <file>',
      'job-x policy file (YAML or JSON); default: $JOBX_POLICY, else the built-in default policy',
    )
    .option(
      '--shutdown-delay <seconds>',
      'after SIGTERM, keep serving this long (readyz fails) before closing the listener',
      seconds,
      DEFAULT_SHUTDOWN_DELAY_SECONDS,
    )
    .option(
      '--shutdown-timeout <seconds>',
      'then wait at most this long for requests in flight before exiting',
      seconds,
      DEFAULT_SHUTDOWN_TIMEOUT_SECONDS,
    )
    .option(
      '--print-default-policy',
      'print the built-in default policy (a starting point for --policy) and exit',
      false,
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Endpoints (HTTPS): POST /validate, POST /mutate (AdmissionReview admission.k8s.io/v1);
GET /healthz, /readyz, /metrics (Prometheus) on --metrics-port (plain HTTP), else on the HTTPS port.
The policy file is watched: a valid change takes effect within seconds, a bad one is refused.
Logs: one JSON object per line on stdout; "msg":"listening" once serving.
Signals: SIGTERM drains (see --shutdown-delay); SIGINT skips the delay; a second signal exits now.
Exit codes: 0 after a clean shutdown, 1 on a runtime failure, 2 for a bad flag, policy or certificate.

Example:
  job-x-webhook --tls-cert-file /certs/tls.crt --tls-private-key-file /certs/tls.key --policy /etc/job-x/policy.yaml`,
    );
}

export function toWebhookOptions(program: Command): WebhookOptions {
  const o = program.opts<{
    tlsCertFile?: string;
    tlsPrivateKeyFile?: string;
    port: number;
    host: string;
    policy?: string;
    shutdownDelay: number;
    shutdownTimeout: number;
    printDefaultPolicy: boolean;
    metricsPort?: number;
    metricsHost?: string;
    kubeconfig?: string;
  }>();
  return { ...o };
}
