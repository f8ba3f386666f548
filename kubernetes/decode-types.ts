import { DECODE_ROOTS, DECODE_TYPES } from './generated/index.ts';

/**
 * The Go types the API server decodes a Job or CronJob into (generated/decode-types.ts, generated
 * from the pinned Kubernetes), as objects: read once, on first use.
 */
export type DecodeType =
  | {
      readonly kind: 'struct';
      readonly name: string;
      readonly short: string;
      readonly fields: Map<string, StructField>;
    }
  | { readonly kind: 'slice' | 'map'; readonly name: string; readonly elem: DecodeType }
  | { readonly kind: 'int' | 'uint' | 'float'; readonly name: string; readonly bits: number }
  | { readonly kind: 'string' | 'bool' | 'custom' | 'interface' | 'bytes'; readonly name: string };

export interface StructField {
  readonly type: DecodeType;
  /** The embedded structs it is promoted through, as encoding/json prints them (`VolumeSource.`). */
  readonly via: string;
}

let roots: { Job: DecodeType; CronJob: DecodeType } | undefined;

function load(): { Job: DecodeType; CronJob: DecodeType } {
  const rows = new Map(DECODE_TYPES.map((row) => [row.slice(0, row.indexOf(' ')), row.split(' ')]));
  const built = new Map<string, DecodeType>();
  const typeNamed = (name: string): DecodeType => {
    const existing = built.get(name);
    if (existing) return existing;
    const [, kind = '', ...rest] = rows.get(name) ?? [];
    if (kind === 'struct') {
      // Registered before its fields, which may refer back to it.
      const fields = new Map<string, StructField>();
      const type: DecodeType = { kind, name, short: rest[0] ?? '', fields };
      built.set(name, type);
      for (const spec of rest.slice(1)) {
        const [json = '', target = ''] = spec.split('=');
        const [typeName = '', via = ''] = target.split('@');
        fields.set(json, { type: typeNamed(typeName), via: via ? `${via}.` : '' });
      }
      return type;
    }
    let type: DecodeType;
    if (kind === 'slice' || kind === 'map') type = { kind, name, elem: typeNamed(rest[0] ?? '') };
    else if (kind === 'int' || kind === 'uint' || kind === 'float') type = { kind, name, bits: Number(rest[0]) };
    else if (kind === 'string' || kind === 'bool' || kind === 'custom' || kind === 'interface' || kind === 'bytes')
      type = { kind, name };
    else throw new Error(`generated/decode-types.ts: no type ${name}`);
    built.set(name, type);
    return type;
  };
  return { Job: typeNamed(DECODE_ROOTS.Job), CronJob: typeNamed(DECODE_ROOTS.CronJob) };
}

/** The Go type of a whole Job or CronJob. */
export function rootDecodeType(kind: 'Job' | 'CronJob'): DecodeType {
  roots ??= load();
  return roots[kind];
}
