import { describe, expect, test } from '@jest/globals';
import { pathInChart, splitHelmOutput } from '../../../../../plugin/lint/render/index.ts';

// `helm template` output as helm prints it: documents in install order, so one template's
// documents can be apart (jobs.yaml here has a ConfigMap of config.yaml... and a CronJob between).
const OUTPUT = [
  '---',
  '# Source: app/templates/config.yaml',
  'kind: ConfigMap',
  '',
  '---',
  '# Source: app/templates/jobs.yaml',
  'kind: Job',
  'metadata: {name: a}',
  '',
  '---',
  '# Source: app/charts/sub/templates/cron.yaml',
  'kind: CronJob',
  '',
  '---',
  '# Source: app/templates/jobs.yaml',
  'kind: Job',
  'metadata: {name: b}',
  '',
].join('\n');

describe('splitHelmOutput', () => {
  const templates = splitHelmOutput(OUTPUT);

  test('one text per template, in the order the templates first appear', () => {
    expect(templates.map((t) => t.source)).toEqual([
      'app/templates/config.yaml',
      'app/templates/jobs.yaml',
      'app/charts/sub/templates/cron.yaml',
    ]);
  });

  test("every line of a template's text is at its line of helm's output; the other lines are empty", () => {
    const outputLines = OUTPUT.split('\n');
    for (const { source, text } of templates) {
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (line !== '') expect(line).toBe(outputLines[i]);
      });
      // Its own header comments are all there, each where helm printed it.
      const headers = outputLines.flatMap((line, i) => (line === `# Source: ${source}` ? [i] : []));
      expect(headers.length).toBeGreaterThan(0);
      for (const i of headers) expect(lines[i]).toBe(`# Source: ${source}`);
    }
  });

  test("a template's documents apart in the output are both in its text, and nothing of the others", () => {
    const jobs = templates.find((t) => t.source === 'app/templates/jobs.yaml')!.text;
    expect(jobs).toContain('metadata: {name: a}');
    expect(jobs).toContain('metadata: {name: b}');
    expect(jobs).not.toContain('CronJob');
    expect(jobs).not.toContain('ConfigMap');
  });

  test('text before any header (helm prints none) is kept under the source ""', () => {
    const split = splitHelmOutput('kind: Job\n---\n# Source: app/templates/x.yaml\nkind: Job\n');
    expect(split.map((t) => t.source)).toEqual(['', 'app/templates/x.yaml']);
    expect(split[0]!.text).toBe('kind: Job\n');
  });

  test('a `---` not followed by a Source comment stays in the template it is in', () => {
    const split = splitHelmOutput('---\n# Source: app/templates/x.yaml\nkind: Job\n---\nkind: Job\n');
    expect(split).toHaveLength(1);
    expect(split[0]!.text).toBe('---\n# Source: app/templates/x.yaml\nkind: Job\n---\nkind: Job\n');
  });

  test('empty output gives no templates', () => {
    expect(splitHelmOutput('')).toEqual([]);
    expect(splitHelmOutput('\n\n')).toEqual([]);
  });
});

describe('pathInChart', () => {
  test("drops the chart's name (which need not be its folder's)", () => {
    expect(pathInChart('batch-jobs/templates/job.yaml')).toBe('templates/job.yaml');
    expect(pathInChart('app/charts/sub/templates/cron.yaml')).toBe('charts/sub/templates/cron.yaml');
    expect(pathInChart('odd')).toBe('odd');
  });
});
