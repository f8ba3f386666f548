import { readFileSync } from 'node:fs';
import { loadPolicy, type LoadedPolicy } from '../edge/index.ts';
import { defaultPolicyDocument, resolvePolicy, RULES, type ResolvedPolicy } from '../policy/index.ts';
import { toAdmissionPolicy, type AdmissionPolicy } from './admission/index.ts';
import { describePolicyChange, policyHash, watchPolicyFile } from './server/index.ts';
import type { Logger, WebhookMetrics } from './server/index.ts';

/**
 * The policy the webhook serves, replaced as a whole when its file changes: a request is judged by
 * one policy from start to end, because the handlers read `admission` once per request.
 */
export class ServedPolicy {
  resolved: ResolvedPolicy;
  admission: AdmissionPolicy;
  hash: string;
  readonly source: string;
  private readonly path: string | undefined;
  private content: Buffer;

  private constructor(path: string | undefined, loaded: LoadedPolicy, content: Buffer) {
    this.path = path;
    this.source = path ?? 'built-in default';
    this.resolved = loaded.resolved;
    this.admission = toAdmissionPolicy(loaded.resolved, undefined, loaded.document);
    this.content = content;
    this.hash = policyHash(content);
  }

  /** Loads the file (or the built-in default); every problem is a ConfigError naming the file. */
  static async load(path: string | undefined): Promise<ServedPolicy> {
    if (path === undefined) {
      const document = defaultPolicyDocument();
      return new ServedPolicy(
        undefined,
        { resolved: resolvePolicy(RULES, document), document },
        Buffer.from(JSON.stringify(document)),
      );
    }
    // Read before loading: if the file changes in between, the watch sees a new hash and reloads.
    const content = readFileSync(path);
    return new ServedPolicy(path, await loadPolicy(path), content);
  }

  /** Watches the policy file (nothing to watch for the built-in default); returns a stop function. */
  watch(logger: Logger, metrics: WebhookMetrics, afterReload: () => void = () => {}, pollMs?: number): () => void {
    if (this.path === undefined) return () => {};
    const path = this.path;
    return watchPolicyFile(
      path,
      this.content,
      loadPolicy,
      {
        reloaded: (next, hash) => {
          const change = describePolicyChange(this.resolved, next.resolved);
          this.admission = toAdmissionPolicy(next.resolved, undefined, next.document);
          this.resolved = next.resolved;
          const previous = this.hash;
          this.hash = hash;
          metrics.policyReloads.inc({ result: 'success' });
          logger.info('policy reloaded', { source: path, previousHash: previous, hash, change });
          afterReload();
        },
        failed: (message, hash) => {
          metrics.policyReloads.inc({ result: 'failure' });
          logger.warn('policy reload refused; still serving the last good policy', {
            source: path,
            servedHash: this.hash,
            refusedHash: hash,
            error: message,
          });
        },
      },
      pollMs,
    );
  }
}
