// What `completion` accepts, apart from the scripts (shell-scripts.ts) so that the program's
// wiring loads no script text.
export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

export const COMPLETION_HELP = `
Completes subcommands, flags, -o values, rule ids, files, namespaces and Job or CronJob names
from the cluster. \`kubectl job-x <TAB>\` is completed by kubectl's own completion (kubectl 1.26
or newer) when kubectl_complete-job_x, shipped beside the plugin, is on PATH.

Examples:
  source <(kubectl-job_x completion bash)
  kubectl-job_x completion zsh > "\${fpath[1]}/_kubectl-job_x"
  kubectl-job_x completion fish | source
  kubectl-job_x completion powershell | Out-String | Invoke-Expression`;
