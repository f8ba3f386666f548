/**
 * A path to a field, printed exactly as the Kubernetes API server prints it
 * (k8s.io/apimachinery/pkg/util/validation/field.Path): `spec.rules[0].values[1]`,
 * map keys in brackets: `spec.template.metadata.labels[batch.kubernetes.io/job-name]`.
 */
export type PathSegment =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'key'; readonly key: string };

export class FieldPath {
  readonly segments: readonly PathSegment[];

  private constructor(segments: readonly PathSegment[]) {
    this.segments = segments;
  }

  static root(...names: string[]): FieldPath {
    return new FieldPath(names.map((name) => ({ kind: 'field', name })));
  }

  /** Parses a printed path back into segments (used to locate a finding in its source). */
  static parse(printed: string): FieldPath {
    const segments: PathSegment[] = [];
    const pattern = /([^.[\]]+)|\[([^\]]*)\]/g;
    for (const match of printed.matchAll(pattern)) {
      if (match[1] !== undefined) segments.push({ kind: 'field', name: match[1] });
      else if (match[2] !== undefined && /^\d+$/.test(match[2]))
        segments.push({ kind: 'index', index: Number(match[2]) });
      else if (match[2] !== undefined) segments.push({ kind: 'key', key: match[2] });
    }
    return new FieldPath(segments);
  }

  child(...names: string[]): FieldPath {
    return new FieldPath([...this.segments, ...names.map((name) => ({ kind: 'field' as const, name }))]);
  }

  index(index: number): FieldPath {
    return new FieldPath([...this.segments, { kind: 'index', index }]);
  }

  key(key: string): FieldPath {
    return new FieldPath([...this.segments, { kind: 'key', key }]);
  }

  toString(): string {
    let out = '';
    for (const segment of this.segments) {
      if (segment.kind === 'field') out += out === '' ? segment.name : `.${segment.name}`;
      else if (segment.kind === 'index') out += `[${segment.index}]`;
      else out += `[${segment.key}]`;
    }
    return out;
  }

  /** RFC 6901 JSON pointer, for JSON patches and SARIF. */
  toPointer(): string {
    const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
    return this.segments
      .map((s) => '/' + (s.kind === 'field' ? escape(s.name) : s.kind === 'index' ? String(s.index) : escape(s.key)))
      .join('');
  }
}
