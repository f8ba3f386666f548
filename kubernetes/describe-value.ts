/**
 * A decoded value, or anything thrown, described for a message, safely: it never calls a method of
 * the value (`String()` or a template literal on a decoded object runs its `toString`, which the
 * document may have replaced with a key of that name, and a decoded object inherits none at all),
 * never throws, and stays short whatever the size, depth or cycles of the value. Strings and keys
 * are quoted as JSON, so control characters show escaped.
 */
const DEFAULT_MAX_LENGTH = 80;
const ELLIPSIS = '...';

export function describeValue(value: unknown, maxLength = DEFAULT_MAX_LENGTH): string {
  const out = new BoundedText(maxLength);
  write(value, out);
  return out.text();
}

/** A string as it is (where a message shows it bare), anything else described. */
export function valueText(value: unknown, maxLength = DEFAULT_MAX_LENGTH): string {
  return typeof value === 'string' ? value : describeValue(value, maxLength);
}

/** The message of something thrown: an Error's message, or the thrown value described. */
export function describeError(error: unknown): string {
  if (error instanceof Error && typeof error.message === 'string') return error.message;
  return describeValue(error);
}

/** Text that stops growing past its limit (the walk below stops as soon as it is full). */
class BoundedText {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  get full(): boolean {
    return this.length > this.limit;
  }

  add(part: string): void {
    if (this.full) return;
    this.parts.push(part);
    this.length += part.length;
  }

  text(): string {
    const text = this.parts.join('');
    return text.length > this.limit ? `${text.slice(0, Math.max(0, this.limit - ELLIPSIS.length))}${ELLIPSIS}` : text;
  }
}

function write(value: unknown, out: BoundedText): void {
  if (out.full) return;
  switch (typeof value) {
    case 'string':
      // At most the room left, so a 16 MiB string is not copied whole.
      return out.add(JSON.stringify(value.length > 256 ? value.slice(0, 256) : value));
    case 'number':
    case 'boolean':
    case 'bigint':
      return out.add(`${value}`);
    case 'undefined':
      return out.add('nothing');
    case 'symbol':
    case 'function':
      return out.add(typeof value);
  }
  if (value === null) return out.add('null');
  if (value instanceof Date) return out.add(Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString());
  if (Array.isArray(value)) {
    out.add('[');
    for (let i = 0; i < value.length && !out.full; i++) {
      if (i > 0) out.add(',');
      write(value[i], out);
    }
    return out.add(']');
  }
  out.add('{');
  let first = true;
  // Own enumerable keys only, read without calling anything the value defines; for-in stops with
  // the text, where Object.keys would list all of a 50,000-key mapping first.
  for (const key in value) {
    if (out.full) break;
    if (!Object.hasOwn(value, key)) continue;
    if (!first) out.add(',');
    first = false;
    write(key, out);
    out.add(':');
    write((value as Record<string, unknown>)[key], out);
  }
  out.add('}');
}
