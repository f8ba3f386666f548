import { expect, test } from '@jest/globals';
import { bufferLines } from '../../../webhook/server/index.ts';
import { FLUSH_INTERVAL_MS } from '../../../webhook/server/log.ts';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Log lines are written at the end of their event-loop turn after a quiet spell, and at most every
 * FLUSH_INTERVAL_MS while lines keep coming (each write to stdout is a synchronous system call).
 */
test('a line after a quiet spell is written at the end of its turn; under load, at most every interval', async () => {
  let now = 1_000;
  const writes: string[] = [];
  const output = bufferLines(
    (text) => writes.push(text),
    () => now,
  );
  output.write('a\n');
  output.write('b\n');
  expect(writes).toEqual([]);
  await turn();
  expect(writes).toEqual(['a\nb\n']);

  // Within the interval of that write: held until the interval has passed.
  now += 5;
  output.write('c\n');
  await turn();
  await turn();
  expect(writes).toEqual(['a\nb\n']);
  output.write('d\n');
  await new Promise((resolve) => setTimeout(resolve, FLUSH_INTERVAL_MS + 20));
  expect(writes).toEqual(['a\nb\n', 'c\nd\n']);

  // After a quiet spell, at the end of the turn again; flush() writes what is pending at once.
  now += 1_000;
  output.write('e\n');
  output.flush();
  expect(writes).toEqual(['a\nb\n', 'c\nd\n', 'e\n']);
  await turn();
  expect(writes).toHaveLength(3);
});

test('64 KiB pending are written at once, in order', () => {
  const writes: string[] = [];
  const output = bufferLines((text) => writes.push(text));
  const line = `${'x'.repeat(1023)}\n`;
  for (let i = 0; i < 64; i++) output.write(line);
  expect(writes).toEqual([line.repeat(64)]);
});
