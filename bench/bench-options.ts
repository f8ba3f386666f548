// Command-line options of the benchmark scripts: a bad flag ends the run with exit 2 and the
// script's usage line, before any work starts.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

export interface BenchOptions<T extends ParseArgsOptionsConfig> {
  values: ReturnType<typeof parseArgs<{ options: T }>>['values'];
  /** A whole number ≥ 1 from `--name`, or `fallback` when the flag is absent. */
  positiveInt(name: string, value: string | undefined, fallback: number): number;
}

export function parseBenchOptions<const T extends ParseArgsOptionsConfig>(
  bench: string,
  usage: string,
  options: T,
): BenchOptions<T> {
  const fail = (message: string): never => {
    process.stderr.write(`${bench}: ${message}\nusage: ${usage}\n`);
    process.exit(2);
  };
  let values: BenchOptions<T>['values'];
  try {
    values = parseArgs({ options }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
  return {
    values,
    positiveInt(name, value, fallback) {
      if (value === undefined) return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive integer`);
      return n;
    },
  };
}
