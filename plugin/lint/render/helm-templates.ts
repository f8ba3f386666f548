/** One template's share of `helm template`'s output. */
export interface RenderedTemplate {
  /** The template as Helm names it in `# Source:` (`CHART/templates/job.yaml`, `CHART/charts/SUB/templates/…`). */
  readonly source: string;
  /**
   * The whole output with every line of the other templates left empty: the template's documents
   * in order, each at the line where `helm template` printed it.
   */
  readonly text: string;
}

const SOURCE = /^# Source: (.+)$/;

const withoutCr = (line: string | undefined): string => (line ?? '').replace(/\r$/, '');

/**
 * Cuts `helm template`'s output into the documents of each template, in the order the templates
 * first appear. Helm prints every document as `---`, `# Source: PATH`, then the manifest
 * (pkg/action, the loop over manifests in printing `helm template`), sorted in install order, so
 * the documents of one template may be apart, with other templates' in between. Each template's
 * text keeps its documents where they were and blanks the other lines, so that a finding's line
 * is its line in `helm template`'s output, and its document its index among the template's
 * documents. Text before the first header (helm prints none) goes under the source "" so that
 * nothing goes unlinted.
 */
export function splitHelmOutput(output: string): RenderedTemplate[] {
  const lines = output.split('\n');
  const owners: number[] = [];
  const sources: string[] = [];
  const indexes = new Map<string, number>();
  /** The last line of each template, to stop its text there. */
  const lastLines: number[] = [];
  let owner = -1;
  for (let i = 0; i < lines.length; i++) {
    const header = withoutCr(lines[i]) === '---' ? SOURCE.exec(withoutCr(lines[i + 1])) : null;
    if (header) owner = indexOf(header[1]!, sources, indexes);
    else if (owner < 0 && lines[i]!.trim() !== '') owner = indexOf('', sources, indexes);
    owners.push(owner);
    if (owner >= 0 && lines[i] !== '') lastLines[owner] = i;
  }
  return sources.map((source, index) => {
    const kept: string[] = [];
    for (let i = 0; i <= lastLines[index]!; i++) kept.push(owners[i] === index ? lines[i]! : '');
    return { source, text: `${kept.join('\n')}\n` };
  });
}

function indexOf(source: string, sources: string[], indexes: Map<string, number>): number {
  let index = indexes.get(source);
  if (index === undefined) {
    index = sources.push(source) - 1;
    indexes.set(source, index);
  }
  return index;
}

/** The template's path inside the chart folder: Helm's source path without the chart's name in front. */
export function pathInChart(source: string): string {
  const slash = source.indexOf('/');
  return slash < 0 ? source : source.slice(slash + 1);
}
