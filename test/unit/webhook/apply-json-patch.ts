/**
 * A plain RFC 6902 applier (add, remove, replace) for the tests: written from the RFC, separately
 * from the diff it checks, and strict where the API server's (evanphx/json-patch) is strict:
 * `add` needs an existing parent, `remove` and `replace` an existing target.
 */
type Operation = { op: string; path: string; value?: unknown };

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function applyJsonPatch(document: unknown, operations: readonly Operation[]): unknown {
  let root = structuredClone(document);
  for (const operation of operations) {
    if (operation.path === '') {
      if (operation.op === 'remove') throw new Error('cannot remove the root');
      root = structuredClone(operation.value);
      continue;
    }
    if (!operation.path.startsWith('/')) throw new Error(`bad pointer ${operation.path}`);
    const tokens = operation.path.slice(1).split('/').map(unescape);
    const last = tokens.pop()!;
    let parent: unknown = root;
    for (const token of tokens) {
      if (Array.isArray(parent)) parent = parent[Number(token)];
      else if (parent !== null && typeof parent === 'object' && Object.hasOwn(parent, token))
        parent = (parent as Record<string, unknown>)[token];
      else throw new Error(`path ${operation.path}: ${token} does not exist`);
      if (parent === undefined) throw new Error(`path ${operation.path}: ${token} does not exist`);
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!/^(0|[1-9]\d*|-)$/.test(last) || index > parent.length) throw new Error(`path ${operation.path}: bad index`);
      if (operation.op === 'add') parent.splice(index, 0, structuredClone(operation.value));
      else if (index >= parent.length) throw new Error(`path ${operation.path}: no such item`);
      else if (operation.op === 'remove') parent.splice(index, 1);
      else if (operation.op === 'replace') parent[index] = structuredClone(operation.value);
      else throw new Error(`unsupported op ${operation.op}`);
    } else if (parent !== null && typeof parent === 'object') {
      const target = parent as Record<string, unknown>;
      const exists = Object.hasOwn(target, last);
      const set = (value: unknown) =>
        Object.defineProperty(target, last, {
          value: structuredClone(value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      if (operation.op === 'add') set(operation.value);
      else if (!exists) throw new Error(`path ${operation.path}: no such member`);
      else if (operation.op === 'remove') delete target[last];
      else if (operation.op === 'replace') set(operation.value);
      else throw new Error(`unsupported op ${operation.op}`);
    } else {
      throw new Error(`path ${operation.path}: parent is not a container`);
    }
  }
  return root;
}

export function decodePatch(base64: string): Operation[] {
  return JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as Operation[];
}
