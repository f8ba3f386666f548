import type { ObjectResult } from '../lint/index.ts';

// A result rendered from a chart or kustomization names the template (or the kustomize folder),
// but its lines are those of the rendered text, not of the template: the text output says so in
// the file's heading; -o github and SARIF, whose lines point editors and code scanning into the
// file, give the file alone and the rendered place in the message.

const TOOL_COMMAND = { helm: 'helm template', kustomize: 'kustomize' } as const;

/** `rendered by helm template deploy/chart` for a rendered result, else undefined. */
export function renderedBy(result: Pick<ObjectResult, 'rendered'>): string | undefined {
  return result.rendered ? `rendered by ${TOOL_COMMAND[result.rendered.tool]} ${result.rendered.from}` : undefined;
}

/** ` (rendered by helm template deploy/chart, line 12:7)`: the place of a rendered finding, for a message. */
export function renderedPlace(
  result: Pick<ObjectResult, 'rendered'>,
  finding: { readonly line: number; readonly column: number },
): string {
  const by = renderedBy(result);
  return by === undefined ? '' : ` (${by}, line ${finding.line}:${finding.column})`;
}
