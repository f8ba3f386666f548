/** `1 pod`, `2 pods`; `plural(n, 'index', 'indexes')` for the irregular ones. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
