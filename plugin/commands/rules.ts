import { RULES } from '../../policy/index.ts';
import { UsageError } from '../../edge/index.ts';

export interface RulesOptions {
  readonly ruleId?: string;
  readonly output: 'text' | 'json';
}

/** `kubectl job-x rules [ID]`: the registry, or one rule's documentation. */
export function rules(options: RulesOptions, out: { write(text: string): unknown }): void {
  const selected = options.ruleId === undefined ? RULES : RULES.filter((r) => r.id === options.ruleId);
  if (selected.length === 0) {
    const near = RULES.filter((r) => r.id.includes(options.ruleId ?? '') || (options.ruleId ?? '').includes(r.id)).map(
      (r) => r.id,
    );
    throw new UsageError(
      `unknown rule ${JSON.stringify(options.ruleId)}${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ' (kubectl job-x rules lists them)'}`,
    );
  }
  if (options.output === 'json') {
    const data = selected.map((r) => ({
      id: r.id,
      origin: r.origin,
      severity: r.severity,
      stage: r.stage,
      kinds: r.kinds ?? ['Job', 'CronJob'],
      defaultable: r.applyDefault !== undefined,
      options: r.defaultOptions ?? {},
      ...r.docs,
    }));
    out.write(`${JSON.stringify(options.ruleId === undefined ? data : data[0], null, 2)}\n`);
    return;
  }
  if (options.ruleId !== undefined) {
    const r = selected[0]!;
    out.write(
      `${r.id} (${r.origin}, ${r.severity}, stage ${r.stage})\n\n${r.docs.summary}\n\nWhy: ${r.docs.rationale}\n\nFix: ${r.docs.remediation}\n\nSee: ${r.docs.url}\n` +
        (r.defaultOptions ? `\nOptions: ${JSON.stringify(r.defaultOptions)}\n` : ''),
    );
    return;
  }
  const width = Math.max(...RULES.map((r) => r.id.length));
  const lines = [`${'RULE'.padEnd(width)}   ORIGIN      SEVERITY   STAGE       SUMMARY`];
  for (const r of selected)
    lines.push(
      `${r.id.padEnd(width)}   ${r.origin.padEnd(9)}   ${r.severity.padEnd(8)}   ${r.stage.padEnd(9)}   ${r.docs.summary}`,
    );
  out.write(`${lines.join('\n')}\n`);
}
