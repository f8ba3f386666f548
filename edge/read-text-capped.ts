import { open } from 'node:fs/promises';

/**
 * Reads a small text file (a policy, a config) of at most `maxBytes`: what is read is capped, not
 * what `stat` says, so a device or an endless FIFO given by mistake ends in an error instead of
 * filling the memory. Undefined when the file holds more.
 */
export async function readTextCapped(path: string, maxBytes: number): Promise<string | undefined> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(maxBytes + 1);
    let total = 0;
    while (total <= maxBytes) {
      const { bytesRead } = await file.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) return buffer.toString('utf8', 0, total);
      total += bytesRead;
    }
    return undefined;
  } finally {
    await file.close();
  }
}
