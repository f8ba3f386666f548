import type { ArchiveEntry } from './archive.ts';

/**
 * kubectl >= 1.26 completes `kubectl job-x …` by running `kubectl_complete-job_x` from PATH with
 * the words after the plugin name; it asks the plugin itself (`kubectl-job_x __complete`, the
 * protocol kubectl's own completion speaks). Shipped beside the plugin in every archive.
 */
export function completionHelper(os: string): ArchiveEntry {
  if (os === 'windows')
    return {
      name: 'kubectl_complete-job_x.cmd',
      data: Buffer.from('@kubectl-job_x.exe __complete %*\r\n'),
      mode: 0o755,
    };
  const script = `#!/bin/sh
# kubectl >= 1.26 runs this for \`kubectl job-x <TAB>\`: the plugin answers (kubectl-job_x __complete).
exec kubectl-job_x __complete "$@"
`;
  return { name: 'kubectl_complete-job_x', data: Buffer.from(script), mode: 0o755 };
}
