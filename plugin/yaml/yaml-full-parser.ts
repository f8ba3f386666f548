import type { Document, Node } from 'yaml';
import { yamlPackage } from '../../edge/index.ts';
import { firstForbidden, forbiddenCharacterMessage, forbiddenCharacters } from './forbidden-characters.ts';
import { addDocumentObjects } from './list-items.ts';
import {
  describeLookAlike,
  hasLookAlike,
  isLookAlikeQuote,
  lookAlikeBefore,
  lookAlikeQuoteMessage,
} from './look-alike-characters.ts';
import { firstUnsupportedNumber, settleExactIntegers } from './exact-numbers.ts';
import { goYamlTags, type ScalarFlags } from './go-yaml-tags.ts';
import { describeError, MAX_NESTING_DEPTH, toDecodedObjects, valueText } from '../../kubernetes/index.ts';
import { composeDocuments } from './yaml-nesting.ts';
import { LineIndex } from './line-index.ts';
import {
  DOCUMENT_TOO_LARGE_MESSAGE,
  duplicateKeyMessage,
  MAX_DOCUMENT_BYTES,
  PATH_SEGMENT,
  type ParsedSource,
  type SourceObject,
  type SourcePosition,
} from './parsed-source.ts';

/**
 * Reads a source with the `yaml` package's full document model: the reader of last resort, for
 * everything the fast reader (yaml-fast-reader.ts) leaves alone — tags, merge keys, unusual
 * aliases, errors of every kind with their positions, and hostile input, which is bounded here:
 * aliases are capped, nesting too deep for the parser becomes an error. Scalars resolve as
 * kubectl's go-yaml v2 resolves them (go-yaml-tags.ts).
 */

/** An alias bomb expands exponentially; real manifests use a handful of anchors at most. */
const MAX_ALIAS_COUNT = 100;

/** `maxDocumentBytes`: the API server's limit (tests make it small, to compare the readers on small texts). */
export function parseWithYamlPackage(text: string, maxDocumentBytes = MAX_DOCUMENT_BYTES): ParsedSource {
  const flags: ScalarFlags = { exactIntegers: false, nonFinite: false };
  const { documents, tooDeep } = composeDocuments(text, {
    version: '1.1',
    customTags: goYamlTags(flags),
    uniqueKeys: false,
    prettyErrors: false,
  });
  const objects: SourceObject[] = [];
  const problems: ParsedSource['problems'] = [];
  let emptyDocuments = 0;
  // Lines counted in the text, not by the package's LineCounter: that one misses the line breaks
  // inside some syntax errors, and every position after them was then a few lines early.
  const lines = new LineIndex(text);
  const position = (offset: number): SourcePosition => lines.position(offset);
  const forbidden = forbiddenCharacters(text);
  const lookAlikes = hasLookAlike(text);
  documents.forEach((doc, index) => {
    const start = position(doc.range[0]);
    const deepAt = tooDeep.get(index);
    if (deepAt !== undefined) {
      problems.push({
        document: index,
        ruleId: 'yaml-syntax',
        message: `nesting deeper than ${MAX_NESTING_DEPTH} levels: job-x does not read it (no field of a Job or CronJob nests this deep)`,
        ...position(deepAt),
      });
      return;
    }
    // What go-yaml reads as this document: from here to the next one (comments around it included).
    const from = index === 0 ? 0 : doc.range[0];
    const to = documents[index + 1]?.range[0] ?? text.length;
    const control = forbidden ? firstForbidden(text, forbidden, from, to) : -1;
    if (control >= 0) {
      const c = String.fromCodePoint(text.codePointAt(control)!);
      problems.push({
        document: index,
        ruleId: 'yaml-syntax',
        message: forbiddenCharacterMessage(c),
        ...position(control),
      });
      return;
    }
    const error = doc.errors[0];
    if (error) {
      const message = firstLine(error.message);
      const lookAlike = lookAlikes ? lookAlikeBefore(text, from, to, error.pos[0]) : undefined;
      problems.push(
        lookAlike === undefined
          ? { document: index, ruleId: 'yaml-syntax', message, ...position(error.pos[0]) }
          : {
              document: index,
              ruleId: 'yaml-syntax',
              message: `${describeLookAlike(text[lookAlike]!)} (the YAML parser then says: ${message})`,
              ...position(lookAlike),
            },
      );
      return;
    }
    if (doc.contents === null) {
      emptyDocuments++;
      return;
    }
    if (doc.range[2] - doc.range[0] > maxDocumentBytes) {
      problems.push({
        document: index,
        ruleId: 'document-too-large',
        message: DOCUMENT_TOO_LARGE_MESSAGE,
        ...start,
      });
      return;
    }
    const duplicate = findDuplicateKey(doc);
    if (duplicate) {
      problems.push({
        document: index,
        ruleId: 'duplicate-key',
        message: duplicateKeyMessage(duplicate.key),
        ...position(duplicate.offset),
      });
      return;
    }
    const collectionKey = findCollectionKey(doc);
    if (collectionKey !== undefined) {
      problems.push({
        document: index,
        ruleId: 'yaml-syntax',
        message: 'error converting YAML to JSON: yaml: invalid map key: a mapping or a sequence cannot be a key',
        ...position(collectionKey),
      });
      return;
    }
    let value: unknown;
    try {
      // Objects that inherit nothing, as the fast reader builds them.
      value = toDecodedObjects(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
      if (flags.exactIntegers) value = settleExactIntegers(value);
    } catch (error) {
      const reason = error instanceof RangeError ? 'nesting is too deep to read' : describeError(error);
      problems.push({ document: index, ruleId: 'yaml-syntax', message: reason, ...start });
      return;
    }
    if (value === null || value === undefined) {
      emptyDocuments++;
      return;
    }
    if (lookAlikes) problems.push(...lookAlikeQuotes(text, doc, index, position));
    const root = doc.contents as Node;
    const unsupported = flags.nonFinite ? firstUnsupportedNumber(value) : undefined;
    if (unsupported) {
      const at = locatePath(root, unsupported.path, position, start);
      problems.push({ document: index, ruleId: 'yaml-syntax', message: unsupported.message, ...at });
      return;
    }
    addDocumentObjects(index, value, (path) => locatePath(root, path, position, start), objects, problems);
  });
  return { objects, problems, emptyDocuments, documents: documents.length };
}

/**
 * Warnings for plain scalars (keys or values) that begin or end with a typographic quote: the
 * writer meant to quote them, and YAML keeps the quotes in the value.
 */
function lookAlikeQuotes(
  text: string,
  doc: Document,
  index: number,
  position: (offset: number) => SourcePosition,
): ParsedSource['problems'] {
  const { visit } = yamlPackage();
  const found: ParsedSource['problems'] = [];
  visit(doc, {
    Scalar(_, node) {
      if (node.type !== 'PLAIN' || !node.range) return;
      const source = text.slice(node.range[0], node.range[1]);
      const at = isLookAlikeQuote(source[0]) ? 0 : isLookAlikeQuote(source.at(-1)) ? source.length - 1 : -1;
      if (at < 0) return;
      found.push({
        document: index,
        ruleId: 'look-alike-quote',
        severity: 'warning',
        message: lookAlikeQuoteMessage(source[at]!),
        ...position(node.range[0] + at),
      });
    },
  });
  return found;
}

/** A scalar key as the yaml package's toJS names it: String() of a string, number, boolean, null or Date. */
function scalarKeyText(value: unknown): string {
  return value instanceof Date ? value.toString() : valueText(value);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** A linear duplicate-key scan (the parser's own check is quadratic on huge mappings). */
function findDuplicateKey(doc: Document): { key: string; offset: number } | undefined {
  const { isScalar, visit } = yamlPackage();
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? scalarKeyText(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (seen.has(key)) {
          found = { key, offset: (pair.key as Node).range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/** Offset of the first key that is a mapping or a sequence (go-yaml refuses them), if any. */
function findCollectionKey(doc: Document): number | undefined {
  const { isCollection, isAlias, visit } = yamlPackage();
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const target = isAlias(key) ? key.resolve(doc) : key;
      if (isCollection(target)) {
        found = key?.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function locatePath(
  root: Node | null,
  path: string,
  position: (offset: number) => SourcePosition,
  fallback: SourcePosition,
): SourcePosition {
  const { isMap, isPair, isScalar, isSeq } = yamlPackage();
  let node: unknown = root;
  let best: SourcePosition = root?.range ? position(root.range[0]) : fallback;
  for (const match of path.matchAll(PATH_SEGMENT)) {
    const name = match[1] ?? match[2] ?? '';
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && scalarKeyText(p.key.value) === name);
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (keyNode.range) best = position(keyNode.range[0]);
      node = pair.value;
    } else if (isSeq(node) && match[2] !== undefined && /^\d+$/.test(name)) {
      const item = node.items[Number(name)] as Node | undefined;
      if (!item) break;
      if (item.range) best = position(item.range[0]);
      node = item;
    } else break;
  }
  return best;
}
