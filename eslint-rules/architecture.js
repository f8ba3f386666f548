// The two import rules that keep the house in shape (see README "Layout"):
//
// - `layers`: every arrow points down. From the top: the two executables (plugin/ and webhook/,
//   which never import each other), then edge/ (the IO both of them need), then the rule engine
//   (policy/), then the Kubernetes semantics (kubernetes/).
// - `public-index`: a folder is entered through its index.ts. An import from outside a folder may
//   name that folder's index.ts, never a file inside it; files of one folder import each other
//   freely, and a file may import from its ancestors' folders.
//
// Only static imports and re-exports are checked. A dynamic import() is how the CLI defers loading
// a command or a heavy module until it is needed (start-up time, see scripts/build-cli.ts), and
// going through an index would load the whole folder at once.
import { dirname, relative, resolve, sep } from 'node:path';

/** Top-level folders, highest layer first; a folder may import only the folders below its own. */
const LAYERS = [['plugin', 'webhook'], ['edge'], ['policy'], ['kubernetes']];
const layerOf = (top) => LAYERS.findIndex((layer) => layer.includes(top));

function resolveImport(context, node) {
  const spec = node.source?.value;
  if (typeof spec !== 'string' || !spec.startsWith('.')) return undefined;
  const root = context.cwd;
  const importer = context.filename;
  const target = resolve(dirname(importer), spec);
  return { root, importer, target, relImporter: relative(root, importer), relTarget: relative(root, target) };
}

function checker(context, check) {
  const visit = (node) => {
    const resolved = resolveImport(context, node);
    if (resolved) check(node, resolved);
  };
  return { ImportDeclaration: visit, ExportNamedDeclaration: visit, ExportAllDeclaration: visit };
}

export const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point down the layers: plugin|webhook → edge → policy → kubernetes.' },
    messages: {
      up: '{{from}}/ must not import {{to}}/: {{to}}/ is a layer above it (plugin|webhook → edge → policy → kubernetes).',
      sideways: 'plugin/ and webhook/ never import each other; move what both need to edge/ or below.',
    },
    schema: [],
  },
  create(context) {
    return checker(context, (node, { relImporter, relTarget }) => {
      const from = relImporter.split(sep)[0];
      const to = relTarget.split(sep)[0];
      const fromLayer = layerOf(from);
      const toLayer = layerOf(to);
      if (fromLayer < 0 || toLayer < 0 || from === to) return;
      if (fromLayer === toLayer) context.report({ node: node.source, messageId: 'sideways' });
      else if (toLayer < fromLayer) context.report({ node: node.source, messageId: 'up', data: { from, to } });
    });
  },
};

export const publicIndex = {
  meta: {
    type: 'problem',
    docs: { description: 'A folder is imported through its index.ts from outside it.' },
    messages: {
      internal: "'{{target}}' is inside {{folder}}/; import it from '{{folder}}/index.ts' (add the export there).",
    },
    schema: [],
  },
  create(context) {
    return checker(context, (node, { root, importer, target }) => {
      if (!target.endsWith('.ts')) return; // JSON documents and the like have no index
      if (layerOf(relative(root, target).split(sep)[0]) < 0) return; // schemas/generated: one type per file, no index
      const from = relative(root, dirname(importer)).split(sep);
      const to = relative(root, dirname(target)).split(sep);
      let shared = 0;
      while (shared < from.length && shared < to.length && from[shared] === to[shared]) shared++;
      if (to[0] === '' || shared === to.length) return; // same folder, or one of the importer's ancestors
      const folder = to.slice(0, shared + 1).join('/');
      if (relative(root, target) === `${folder}/index.ts`) return;
      context.report({ node: node.source, messageId: 'internal', data: { target: relative(root, target), folder } });
    });
  },
};

export default { rules: { layers, 'public-index': publicIndex } };
