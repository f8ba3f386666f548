// The fenced examples of README.md and docs/*.md, and what a test can make of them offline: the
// commands of `kubectl job-x lint`, `rules` and `explain -f`, and YAML blocks (policy files,
// manifests, fragments).

export interface FencedBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly text: string;
}

/** Every fenced block of a Markdown text, indented ones (in lists) included, dedented. */
export function fencedBlocks(markdown: string, file: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^ *```\s*$/.test(lines[j]!)) body.push(lines[j++]!.slice(indent));
    blocks.push({ file, line: i + 1, lang: open[2]!, text: `${body.join('\n')}\n` });
    i = j;
  }
  return blocks;
}

/** The command lines of a shell block (`$ ` lines of a console block), trailing comments removed. */
export function commandLines(block: FencedBlock): string[] {
  const lines = block.text.split('\n');
  const commands = block.lang === 'console' ? lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2)) : lines;
  return commands.map((line) => line.replace(/\s+#\s.*$/, '').trim()).filter((line) => line !== '');
}

/** Shell words of a command line: spaces split, single and double quotes group (no expansion). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let started = false;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      started = true;
    } else if (c === ' ') {
      if (started || word) words.push(word);
      word = '';
      started = false;
    } else word += c;
  }
  if (started || word) words.push(word);
  return words;
}

export type Runnable =
  | { readonly run: true; readonly args: string[]; readonly json: boolean }
  | { readonly run: false; readonly why: string };

/**
 * What of a command line runs offline: `kubectl job-x lint …`, `rules …` and `explain -f …`
 * (an output redirection is dropped; a pipe into jq means the output must be JSON). Anything
 * else (a cluster, helm, npm, docker) is not run, and says why.
 */
export function runnable(line: string): Runnable {
  const [command, ...piped] = line.split(' | ');
  const before = piped.length > 0 && !/^kubectl job-x /.test(command!) ? command : undefined;
  if (before !== undefined) return { run: false, why: `reads the output of \`${before}\`` };
  const words = shellWords(command!.replace(/\s*>\s*\S+$/, ''));
  const start = words[0] === 'kubectl' && words[1] === 'job-x' ? 2 : words[0] === 'kubectl-job_x' ? 1 : -1;
  if (start < 0) return { run: false, why: 'not a kubectl job-x command' };
  const args = words.slice(start);
  const sub = args[0];
  const offline = sub === 'lint' || sub === 'rules' || (sub === 'explain' && args.includes('-f'));
  if (!offline) return { run: false, why: `${sub} needs a cluster` };
  return { run: true, args, json: piped.some((p) => p.startsWith('jq')) };
}
