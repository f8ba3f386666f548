import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CommanderError } from 'commander';
import { ConfigError, EXIT } from '../edge/index.ts';
import { VERSION } from '../edge/index.ts';
import { defaultPolicyDocument, PolicyError, type ResolvedPolicy } from '../policy/index.ts';
import { namespaceLabelSource } from './namespace-label-source.ts';
import { ServedPolicy } from './served-policy.ts';
import { createWebhookProgram, toWebhookOptions, type WebhookOptions } from './program.ts';
import { createApp, type ServerState } from './server/index.ts';
import { bufferLines, createLogger, errorFields, type Logger } from './server/index.ts';
import {
  readTlsCredentials,
  TLS_MIN_VERSION,
  TlsError,
  watchTlsFiles,
  type TlsCredentials,
  type TlsFiles,
} from './server/index.ts';
import { createWebhookMetrics, MEMORY_BUDGET_BYTES, MemoryBudget } from './server/index.ts';

/**
 * The API server's webhook client keeps idle connections for 90 s (Go's http.Transport default):
 * the server must keep them longer, or it closes a connection the client is about to reuse and the
 * call fails (then failurePolicy decides). Headers and whole requests get generous bounds above it.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 95_000;
export const HEADERS_TIMEOUT_MS = 100_000;
export const REQUEST_TIMEOUT_MS = 120_000;

const sleep = (ms: number): { promise: Promise<void>; cancel: () => void } => {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
};

interface Configured {
  readonly options: WebhookOptions;
  readonly files: TlsFiles;
  readonly credentials: TlsCredentials;
  readonly policy: ServedPolicy;
}

/** Everything that can be wrong in the configuration is found here, before anything listens. */
async function configure(options: WebhookOptions): Promise<Configured> {
  if (!options.tlsCertFile || !options.tlsPrivateKeyFile) {
    throw new ConfigError(
      `${options.tlsCertFile ? '--tls-private-key-file' : '--tls-cert-file'} is required: the webhook serves HTTPS only (the API server calls webhooks over TLS)`,
    );
  }
  const policyPath = options.policy ?? (process.env.JOBX_POLICY || undefined);
  const policy = await ServedPolicy.load(policyPath);
  const files = { certFile: options.tlsCertFile, keyFile: options.tlsPrivateKeyFile };
  return {
    options,
    files,
    credentials: readTlsCredentials(files),
    policy,
  };
}

function policySummary(policy: ResolvedPolicy): Record<string, unknown> {
  const at = (severity: string): string[] =>
    policy.rules.filter((r) => r.rule.origin === 'policy' && r.severity === severity).map((r) => r.rule.id);
  return {
    deny: at('error'),
    warn: at('warning'),
    defaults: [...policy.defaults],
    exemptNamespaces: [...policy.exemptNamespaces],
    allowSuppressions: policy.allowSuppressions,
  };
}

function listen(server: Server | HttpServer, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Serves until a signal; resolves with the exit code. */
async function serve(configured: Configured, logger: Logger): Promise<number> {
  const { options, files } = configured;
  let credentials = configured.credentials;
  const state: ServerState = { ready: false, draining: false, inflight: 0 };
  const budget = new MemoryBudget(MEMORY_BUDGET_BYTES);
  const served = configured.policy;
  const metrics = createWebhookMetrics(
    {
      inflight: () => state.inflight,
      ready: () => state.ready && !state.draining,
      certificateNotAfter: () => credentials.notAfter.getTime() / 1000,
      memoryBudget: () => budget,
      policy: () => ({ hash: served.hash, source: served.source }),
    },
    VERSION,
  );
  const namespaces = namespaceLabelSource(options, logger);
  namespaces.ensure(served.resolved);
  const app = createApp({
    policy: () => served.admission,
    namespaceLabels: namespaces.get,
    logger,
    metrics,
    state,
    budget,
    serve: options.metricsPort === undefined ? 'all' : 'admission',
  });
  const metricsServer =
    options.metricsPort === undefined
      ? undefined
      : createHttpServer(createApp({ policy: () => served.admission, logger, metrics, state, serve: 'probes' }));
  const server = createServer({ cert: credentials.cert, key: credentials.key, minVersion: TLS_MIN_VERSION }, app);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;

  let address: AddressInfo;
  try {
    address = await listen(server, options.port, options.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    logger.error('cannot listen', { host: options.host, port: options.port, error: code });
    process.stderr.write(
      `error: cannot listen on ${options.host}:${options.port}: ${code === 'EADDRINUSE' ? 'address already in use' : code}\n`,
    );
    return EXIT.failure;
  }
  let metricsAddress: AddressInfo | undefined;
  if (metricsServer) {
    const host = options.metricsHost ?? options.host;
    try {
      metricsAddress = await listen(metricsServer, options.metricsPort!, host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      process.stderr.write(`error: cannot listen on ${host}:${options.metricsPort} (--metrics-port): ${code}\n`);
      server.close();
      return EXIT.failure;
    }
  }
  const stopWatching = watchTlsFiles(
    files,
    credentials,
    (next) => {
      server.setSecureContext({ cert: next.cert, key: next.key, minVersion: TLS_MIN_VERSION });
      credentials = next;
    },
    {
      reloaded: (next) => {
        metrics.tlsReloads.inc({ result: 'success' });
        logger.info('tls certificate reloaded', {
          subject: next.subject,
          notAfter: next.notAfter.toISOString(),
          fingerprint256: next.fingerprint256,
        });
      },
      failed: (error) => {
        metrics.tlsReloads.inc({ result: 'failure' });
        logger.warn('tls certificate reload failed; still serving the previous certificate', { error: error.message });
      },
    },
  );
  const stopPolicyWatch = served.watch(logger, metrics, () => namespaces.ensure(served.resolved));
  state.ready = true;
  logger.info('listening', {
    host: address.address,
    port: address.port,
    ...(metricsAddress ? { metricsPort: metricsAddress.port } : {}),
    version: VERSION,
    tlsMinVersion: TLS_MIN_VERSION,
    certificate: {
      subject: credentials.subject,
      notAfter: credentials.notAfter.toISOString(),
      fingerprint256: credentials.fingerprint256,
    },
    policy: served.source,
    policyHash: served.hash,
  });
  if (credentials.notAfter.getTime() < Date.now())
    logger.warn('the serving certificate has expired: the API server will refuse it', {
      notAfter: credentials.notAfter.toISOString(),
    });

  const drain = async (signal: string, delaySeconds: number): Promise<number> => {
    state.draining = true;
    logger.info('shutting down', {
      signal,
      delaySeconds,
      timeoutSeconds: options.shutdownTimeout,
      inflight: state.inflight,
    });
    // Keep answering (with Connection: close) while the endpoints drop this replica.
    await sleep(delaySeconds * 1000).promise;
    stopWatching();
    stopPolicyWatch();
    namespaces.stop();
    metricsServer?.close();
    metricsServer?.closeAllConnections();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    logger.info('listener closed; draining', { inflight: state.inflight });
    // A connection whose last answer left before draining began goes idle later: close it then.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const timeout = sleep(options.shutdownTimeout * 1000);
    const result = await Promise.race([
      closed.then(() => 'closed' as const),
      timeout.promise.then(() => 'timeout' as const),
    ]);
    clearInterval(sweep);
    timeout.cancel();
    if (result === 'timeout') {
      logger.error('shutdown timed out with requests in flight; closing them', { inflight: state.inflight });
      server.closeAllConnections();
      return EXIT.failure;
    }
    logger.info('stopped', { signal });
    return EXIT.ok;
  };

  return new Promise<number>((resolve) => {
    let shuttingDown = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (shuttingDown) {
        logger.warn('second signal: exiting now', { signal, inflight: state.inflight });
        server.closeAllConnections();
        resolve(EXIT.failure);
        return;
      }
      shuttingDown = true;
      // SIGTERM comes from the kubelet: wait for the endpoints. SIGINT is someone at a terminal.
      void drain(signal, signal === 'SIGINT' ? 0 : options.shutdownDelay).then(resolve);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    const fatal = (error: unknown): void => {
      logger.error('fatal error', errorFields(error));
      server.closeAllConnections();
      resolve(EXIT.failure);
    };
    process.on('uncaughtException', fatal);
    process.on('unhandledRejection', fatal);
  });
}

/** The entry point of `job-x-webhook` (bin/job-x-webhook.js); resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createWebhookProgram();
  try {
    program.parse(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  const options = toWebhookOptions(program);
  if (options.printDefaultPolicy) {
    process.stdout.write(`${JSON.stringify(defaultPolicyDocument(), null, 2)}\n`);
    return EXIT.ok;
  }
  let configured: Configured;
  try {
    configured = await configure(options);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TlsError || error instanceof PolicyError) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const output = bufferLines((text) => process.stdout.write(text));
  const logger = createLogger(output.write);
  logger.info('policy loaded', {
    source: configured.policy.source,
    hash: configured.policy.hash,
    ...policySummary(configured.policy.resolved),
  });
  try {
    return await serve(configured, logger);
  } finally {
    output.flush();
  }
}
