import { open } from 'node:fs/promises';

/** Read in pieces of at most this size, so a cap of hundreds of MiB reserves nothing up front. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a text file (a policy, a config, a saved snapshot) of at most `maxBytes`: what is read is
 * capped, not what `stat` says, so a device or an endless FIFO given by mistake ends in an error
 * instead of filling the memory. Undefined when the file holds more.
 */
export async function readTextCapped(path: string, maxBytes: number): Promise<string | undefined> {
  const file = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total).toString('utf8');
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return undefined;
    }
  } finally {
    await file.close();
  }
}

/** The same cap for a stream (standard input): undefined as soon as it sends more than `maxBytes`. */
export async function readStreamCapped(stream: AsyncIterable<unknown>, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    chunks.push(bytes);
    total += bytes.length;
    if (total > maxBytes) return undefined;
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
