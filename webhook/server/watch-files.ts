import { watch, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';

const DEBOUNCE_MS = 100;

/**
 * Calls `check` soon after any of the files may have changed, and every `pollMs` regardless.
 * Kubelet updates a mounted Secret or ConfigMap by swapping a `..data` symlink in the directory,
 * and other tools rewrite files in place, so the directories are watched (a watch on the file
 * would follow the old inode) and polling covers the events a watch misses. Bursts of events are
 * folded into one check. Returns a stop function.
 */
export function watchFiles(paths: readonly string[], check: () => void, pollMs: number): () => void {
  let debounce: NodeJS.Timeout | undefined;
  const run = (): void => {
    debounce = undefined;
    check();
  };
  const schedule = (): void => {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(run, DEBOUNCE_MS);
    debounce.unref();
  };
  const watchers: FSWatcher[] = [];
  for (const dir of new Set(paths.map((path) => dirname(resolve(path))))) {
    try {
      const watcher = watch(dir, { persistent: false }, schedule);
      // A watch that fails later (the directory went away) leaves the polling to notice changes.
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // No watch possible here: polling alone.
    }
  }
  const poll = setInterval(check, pollMs);
  poll.unref();
  return () => {
    clearInterval(poll);
    if (debounce) clearTimeout(debounce);
    for (const watcher of watchers) watcher.close();
  };
}
