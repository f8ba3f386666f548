/**
 * `kubectl job-x completion SHELL`: scripts that complete the `kubectl-job_x` command by asking it
 * (`kubectl-job_x __complete WORDS… PARTIAL`, complete.ts). `kubectl job-x <TAB>` itself is
 * completed by kubectl's own script through the kubectl_complete-job_x helper.
 */
import type { Shell } from './shells.ts';

const BASH = `# bash completion for kubectl-job_x: source <(kubectl-job_x completion bash)
_kubectl_job_x() {
  local cur=\${COMP_WORDS[COMP_CWORD]} out directive IFS=$'\\n'
  out=$("\${COMP_WORDS[0]}" __complete "\${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null) || return
  directive=\${out##*:}
  out=\${out%:*}
  COMPREPLY=()
  [[ -n $out ]] && COMPREPLY=($(compgen -W "$out" -- "$cur"))
  # Directive 4 (no file completion) unset and nothing offered: the shell's file names.
  if (( \${#COMPREPLY[@]} == 0 && (directive & 4) == 0 )); then COMPREPLY=($(compgen -f -- "$cur")); fi
}
complete -o filenames -F _kubectl_job_x kubectl-job_x
`;

const ZSH = `#compdef kubectl-job_x
# zsh completion for kubectl-job_x: source <(kubectl-job_x completion zsh)
_kubectl_job_x() {
  local out directive
  local -a lines
  out=$(\${words[1]} __complete "\${(@)words[2,CURRENT]}" 2>/dev/null) || return
  lines=(\${(f)out})
  directive=\${lines[-1]#:}
  lines=(\${lines[1,-2]})
  if (( \${#lines} )); then compadd -- $lines
  elif (( (directive & 4) == 0 )); then _files
  fi
}
compdef _kubectl_job_x kubectl-job_x
`;

const FISH = `# fish completion for kubectl-job_x: kubectl-job_x completion fish | source
function __kubectl_job_x_complete
    set -l words (commandline -opc)[2..-1] (commandline -ct)
    set -l out (kubectl-job_x __complete $words 2>/dev/null)
    set -l directive (string replace ':' '' -- $out[-1])
    if test (count $out) -gt 1
        printf '%s\\n' $out[1..-2]
    else if test (math "floor($directive / 4) % 2") -eq 0
        __fish_complete_path (commandline -ct)
    end
end
complete -c kubectl-job_x -f -a '(__kubectl_job_x_complete)'
`;

const POWERSHELL = `# PowerShell completion for kubectl-job_x: kubectl-job_x completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName 'kubectl-job_x', 'kubectl-job_x.exe' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
    if ($wordToComplete -eq '') { $words += '""' }
    $out = @(& kubectl-job_x __complete @words 2>$null)
    $out | Where-Object { $_ -notlike ':*' } | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`;

const SCRIPTS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH, powershell: POWERSHELL };

export function completionScript(shell: Shell): string {
  return SCRIPTS[shell];
}
