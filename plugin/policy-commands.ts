// The commands about the policy as a whole rather than one manifest or one Job: `export
// admission-policy` (the policy as admission policies) and `audit` (the policy over a live
// cluster). Wiring only; each action lazy-loads its command, as in program.ts.
import { Option, type Command } from 'commander';
import { AUDIT_FORMATS, EXPORT_FORMATS, type AuditFormat, type ExportFormat } from './commands/index.ts';
import { addKubeFlags, type KubeFlags } from './kube/index.ts';
import type { CommandContext } from './command-context.ts';

/** `kubectl job-x export admission-policy`. */
export function addExportCommand(program: Command, context: CommandContext): void {
  program
    .command('export')
    .description('Write the policy in another form.')
    .command('admission-policy')
    .description(
      'Write the policy as ValidatingAdmissionPolicies and MutatingAdmissionPolicies that the API server runs itself, with no webhook.',
    )
    .option('--policy <file>', 'the job-x policy to export (default: the policy the webhook ships with)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(EXPORT_FORMATS).default('yaml'))
    .addHelpText(
      'after',
      `
Deny rules become one ValidatingAdmissionPolicy with validationActions [Deny, Audit], warn rules
another with [Warn, Audit], info rules one with [Audit]; each default a MutatingAdmissionPolicy
(CREATE only). Bindings exempt the policy's exemptNamespaces. An UPDATE is judged as the webhook
judges it: a finding the old object already had (same rule, same field) neither denies nor warns.
The YAML starts with a comment naming every rule that could not be exported, and why; for those
the webhook stays the way to enforce them. Needs Kubernetes 1.34 or newer (CEL two-variable
comprehensions and the lists library; MutatingAdmissionPolicy is served at v1 from 1.36).

Exit codes: 0 written, 2 usage or policy errors.

Examples:
  kubectl job-x export admission-policy | kubectl apply -f -
  kubectl job-x export admission-policy --policy policy.yaml > job-x-admission.yaml
  kubectl job-x export admission-policy -o json | jq '.items[].metadata.name'`,
    )
    .action(async (opts: { policy?: string; output: ExportFormat }) => {
      const { exportAdmissionPolicyCommand } = await import('./commands/export.ts');
      await exportAdmissionPolicyCommand({ policy: opts.policy, output: opts.output }, context);
    });
}

/** `kubectl job-x audit`. */
export function addAuditCommand(program: Command, context: CommandContext): void {
  const auditCommand = program
    .command('audit')
    .description(
      'Judge every live Job and CronJob as the job-x webhook would, and say what it would do to each: deny, default or warn.',
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices(AUDIT_FORMATS).default('text'))
    .option('--policy <file>', 'a job-x policy file (default: the policy the webhook ships with)')
    .option(
      '--from-cluster [namespace/name]',
      "use the deployed webhook's policy, from its ConfigMap (default: job-x-system/job-x-policy)",
    )
    .addOption(
      new Option('--color <when>', 'colour the text output').choices(['auto', 'always', 'never']).default('auto'),
    );
  addKubeFlags(auditCommand, { allNamespaces: true })
    .addHelpText(
      'after',
      `
Lists the Jobs and CronJobs of the namespace (-n, else the context's) or of every namespace (-A),
500 at a time, and judges each with the webhook's own engine and decisions, as stored (status,
server-set fields and generated selectors are understood). Each finding says what the webhook
would do: denied-on-create, denied-on-change (UPDATEs pass while the finding stays: the ratchet),
defaulted-on-create, warned, audited (a denial in rollout mode audit) or allowed. Objects the
policy exempts (namespaces, namespace and object selectors) are not judged.

Needs list on jobs and cronjobs (-A: at cluster scope), get on the ConfigMap for --from-cluster,
and get (-A: list) on namespaces when the policy has a namespaceSelector or overrides.

Exit codes: 0 no error-level findings, 1 error-level findings, 2 usage, policy or cluster errors.

Examples:
  kubectl job-x audit -A
  kubectl job-x audit -n batch --policy strict.yaml -o json | jq '.results[].name'
  kubectl job-x audit -A --from-cluster -o sarif > audit.sarif`,
    )
    .action(
      async (
        opts: KubeFlags & {
          output: AuditFormat;
          color: 'auto' | 'always' | 'never';
          policy?: string;
          fromCluster?: string | true;
        },
      ) => {
        const { audit } = await import('./commands/audit.ts');
        const { output, color, policy, fromCluster, ...kube } = opts;
        await audit({ output, color, policy, fromCluster, kube }, context);
      },
    );
}
