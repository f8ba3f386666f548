import { fieldError, type FieldError } from '../field-error.ts';
import type { FieldPath } from '../field-path.ts';
import { DEFAULT_FEATURE_GATES } from './validation-options.ts';

/** 16 bytes of an address netutils.ParseIPSloppy accepts, or undefined. */
function parseSloppy(value: string): { bytes: number[]; leadingZeros: boolean } | undefined {
  const v4 = parseIPv4(value);
  if (v4) return { bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4.bytes], leadingZeros: v4.leadingZeros };
  return parseIPv6(value);
}

/** Dotted decimal; ParseIPSloppy allows (and ignores) leading zeros, netip.ParseAddr does not. */
function parseIPv4(value: string): { bytes: number[]; leadingZeros: boolean } | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  let leadingZeros = false;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    if (part.length > 1 && part.startsWith('0')) leadingZeros = true;
    bytes.push(n);
  }
  return { bytes, leadingZeros };
}

function parseIPv6(value: string): { bytes: number[]; leadingZeros: boolean } | undefined {
  if (!value.includes(':')) return undefined;
  let head = value;
  let tail: number[] = [];
  let leadingZeros = false;
  const lastColon = value.lastIndexOf(':');
  if (value.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(value.slice(lastColon + 1));
    if (!v4) return undefined;
    leadingZeros = v4.leadingZeros;
    tail = v4.bytes;
    // Keep a trailing '::' (`::ffff:1.2.3.4` keeps `::ffff`, `::1.2.3.4` keeps `::`).
    const prefix = value.slice(0, lastColon + 1);
    head = prefix.endsWith('::') ? prefix : value.slice(0, lastColon);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (text: string): number[] | undefined => {
    if (text === '') return [];
    const out: number[] = [];
    for (const g of text.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      const n = parseInt(g, 16);
      out.push(n >> 8, n & 0xff);
    }
    return out;
  };
  const first = groups(halves[0] ?? '');
  const second = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!first || !second) return undefined;
  const known = first.length + second.length + tail.length;
  if (halves.length === 2) {
    if (known > 14) return undefined;
    return { bytes: [...first, ...new Array<number>(16 - known).fill(0), ...second, ...tail], leadingZeros };
  }
  return known === 16 ? { bytes: [...first, ...tail], leadingZeros } : undefined;
}

/**
 * IsValidIPForLegacyField of pkg/apis/core/validation with StrictIPCIDRValidation (on by default
 * in 1.36.4): any IP ParseIPSloppy reads, but no leading zeros and no IPv4-mapped IPv6.
 */
export function validateLegacyIP(
  value: string,
  path: FieldPath,
  strict = DEFAULT_FEATURE_GATES.StrictIPCIDRValidation,
): FieldError[] {
  const ip = parseSloppy(value);
  if (!ip) return [fieldError.invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
  const errors: FieldError[] = [];
  if (!strict) return errors;
  if (ip.leadingZeros) errors.push(fieldError.invalid(path, value, 'must not have leading 0s'));
  const mapped =
    value.includes(':') &&
    ip.bytes.slice(0, 10).every((b) => b === 0) &&
    ip.bytes[10] === 0xff &&
    ip.bytes[11] === 0xff;
  if (mapped) errors.push(fieldError.invalid(path, value, 'must not be an IPv4-mapped IPv6 address'));
  return errors;
}
