import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describeError } from '../../kubernetes/index.ts';
import type { LoadedPolicy } from '../../edge/index.ts';
import { watchFiles } from './watch-files.ts';

/** How often the policy file is read even without a change event: a change shows within seconds. */
export const POLICY_POLL_MS = 2_000;

/** A short, stable name for a policy's content: the metric label and the log say which is served. */
export function policyHash(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

export interface PolicyReloadEvents {
  reloaded(next: LoadedPolicy, hash: string): void;
  /** A changed file that does not load: the policy served stays. Reported once per content. */
  failed(message: string, hash: string): void;
}

function readBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Reloads the policy file when it changes (a ConfigMap volume swaps its `..data` symlink; see
 * watchFiles). The new content is validated and resolved by `load` (the same loader as at start-up)
 * before `events.reloaded` swaps it in; a policy that does not load is refused and the last good
 * one stays. A file that changes again while it is being loaded is read once more.
 */
export function watchPolicyFile(
  path: string,
  served: Buffer,
  load: (path: string) => Promise<LoadedPolicy>,
  events: PolicyReloadEvents,
  pollMs = POLICY_POLL_MS,
): () => void {
  let servedHash = policyHash(served);
  let lastFailure: string | undefined;
  let loading = false;
  let again = false;
  let stopped = false;

  const check = (): void => {
    if (stopped) return;
    if (loading) {
      again = true;
      return;
    }
    const before = readBytes(path);
    // Gone for a moment (mid-swap) or unchanged: nothing to do; a lasting absence shows below.
    if (before === undefined) return;
    const hash = policyHash(before);
    // Unchanged, or the broken content already refused: read again only once it changes.
    if (hash === servedHash || hash === lastFailure) return;
    loading = true;
    void load(path)
      .then(
        (next) => {
          const after = readBytes(path);
          if (stopped) return;
          if (after === undefined || policyHash(after) !== hash) {
            again = true;
            return;
          }
          servedHash = hash;
          lastFailure = undefined;
          events.reloaded(next, hash);
        },
        (error: unknown) => {
          if (stopped) return;
          lastFailure = hash;
          events.failed(describeError(error).split('\n')[0]!, hash);
        },
      )
      .finally(() => {
        loading = false;
        if (again) {
          again = false;
          check();
        }
      });
  };
  const stop = watchFiles([path], check, pollMs);
  return () => {
    stopped = true;
    stop();
  };
}
