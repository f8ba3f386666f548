import { EventEmitter } from 'node:events';
import { describe, expect, test } from '@jest/globals';
import { BufferedOutput } from '../../../plugin/buffered-output.ts';

/** A stream that says it is full after every write, as a pipe to a slow reader does where pipes are asynchronous. */
class SlowStream extends EventEmitter {
  readonly writes: string[] = [];
  write(text: string): boolean {
    this.writes.push(text);
    return false;
  }
}

describe('output written a piece at a time', () => {
  test('pieces are gathered into writes of about 64 KiB, and flush writes the rest', () => {
    const stream = new SlowStream();
    const output = new BufferedOutput(stream);
    for (let i = 0; i < 100; i++) output.write('x'.repeat(1000));
    expect(stream.writes.map((text) => text.length)).toEqual([66_000]);
    output.flush();
    expect(stream.writes.map((text) => text.length)).toEqual([66_000, 34_000]);
    expect(output.started).toBe(true);
  });

  test('when the stream is full, drained() waits for it to drain (or close) before more is produced', async () => {
    const stream = new SlowStream();
    const output = new BufferedOutput(stream);
    expect(output.drained()).toBeUndefined();
    output.write('x'.repeat(70_000));
    const waiting = output.drained();
    expect(waiting).toBeInstanceOf(Promise);
    let drained = false;
    void waiting!.then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    stream.emit('drain');
    await waiting;
    expect(drained).toBe(true);
    // Listeners are removed once it drained.
    expect(stream.listenerCount('drain') + stream.listenerCount('close') + stream.listenerCount('error')).toBe(0);
    // A reader that went away (`lint | head`) ends the wait too.
    output.write('x'.repeat(70_000));
    const closing = output.drained()!;
    stream.emit('close');
    await closing;
  });

  test('nothing is written for empty pieces', () => {
    const stream = new SlowStream();
    const output = new BufferedOutput(stream);
    output.write('');
    output.flush();
    expect(stream.writes).toEqual([]);
    expect(output.started).toBe(false);
  });
});
