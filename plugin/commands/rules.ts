import { RULES } from '../../policy/index.ts';
import { UsageError } from '../../edge/index.ts';
import { escapeText, renderTable } from '../format/index.ts';

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
    const paragraphs = [
      `${r.id} (${r.origin}, ${r.severity}, stage ${r.stage})`,
      r.docs.summary,
      `Why: ${r.docs.rationale}`,
      `Fix: ${r.docs.remediation}`,
      `See: ${r.docs.url}`,
      ...(r.defaultOptions ? [`Options: ${JSON.stringify(r.defaultOptions)}`] : []),
    ];
    out.write(`${paragraphs.map(escapeText).join('\n\n')}\n`);
    return;
  }
  const rows = selected.map((r) => [r.id, r.origin, r.severity, r.stage, r.docs.summary]);
  out.write(`${renderTable(['rule', 'origin', 'severity', 'stage', 'summary'], rows).join('\n')}\n`);
}
