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

export type ColorMode = 'auto' | 'always' | 'never';

export function colorsEnabled(mode: ColorMode, isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  return isTty && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}
