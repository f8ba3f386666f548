/** ANSI colours, on only when asked (a TTY, or --color=always) and never with NO_COLOR. */
export interface Colors {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const identity = (text: string) => text;

export function createColors(enabled: boolean): Colors {
  if (!enabled)
    return { red: identity, yellow: identity, blue: identity, green: identity, dim: identity, bold: identity };
  return {
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    green: sgr(32, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
  };
}

/** --color: `auto` colours a terminal only (the decision is the command context's: command-context.ts). */
export type ColorMode = 'auto' | 'always' | 'never';
