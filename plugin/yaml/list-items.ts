import type { ParsedSource, SourceObject, SourcePosition } from './parsed-source.ts';

/**
 * The objects of one document as kubectl sees them (apimachinery's unstructuredJSONScheme.decode
 * and cli-runtime's FlattenListVisitor):
 *
 * - any object with an `items` array is a List, whatever its kind (`kind: List`, `JobList`, even a
 *   ConfigMap): kubectl applies its items, not the object; `items: null` is an empty List;
 * - an item with neither kind nor apiVersion takes the List's apiVersion and its kind less the
 *   `List` suffix (decodeToList), so the items of a `batch/v1` JobList are Jobs;
 * - a List inside a List fails the whole document ("*unstructured.Unstructured is not a list":
 *   the inner one was decoded as a plain object). Its objects are linted anyway, with their path
 *   of item indexes, so that fixing the nesting brings no surprise.
 */
export function addDocumentObjects(
  document: number,
  value: unknown,
  locate: (path: string) => SourcePosition,
  objects: SourceObject[],
  problems: ParsedSource['problems'],
): void {
  const items = listItems(value, true);
  if (items === undefined) {
    objects.push({ document, value, locate });
    return;
  }
  addItems(document, value as Record<string, unknown>, items, [], locate, objects, problems);
}

function addItems(
  document: number,
  list: Record<string, unknown>,
  items: readonly unknown[],
  parentPath: readonly number[],
  locate: (path: string) => SourcePosition,
  objects: SourceObject[],
  problems: ParsedSource['problems'],
): void {
  const prefix = parentPath.map((i) => `items[${i}].`).join('');
  items.forEach((item, i) => {
    const itemPath = [...parentPath, i];
    const at = `${prefix}items[${i}]`;
    const inner = listItems(item, false);
    if (inner !== undefined) {
      problems.push({ document, ruleId: 'nested-list', message: NESTED_LIST, ...locate(at) });
      addItems(document, item as Record<string, unknown>, inner, itemPath, locate, objects, problems);
      return;
    }
    objects.push({
      document,
      item: itemPath[0]!,
      ...(itemPath.length > 1 ? { itemPath } : {}),
      value: typed(item, list),
      locate: (path) => locate(path === '' ? at : `${at}.${path}`),
    });
  });
}

const NESTED_LIST =
  'a List inside a List: kubectl fails on the whole document ("*unstructured.Unstructured is not a list"); put its items in the outer List';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The items of a List (kubectl's sense, above), or undefined for any other value. Only a document
 * can be a List by `items: null` (the decoder tests for the key); an item must hold an array
 * (Unstructured.IsList).
 */
function listItems(value: unknown, document: boolean): readonly unknown[] | undefined {
  if (!isObject(value) || !Object.hasOwn(value, 'items')) return undefined;
  const items = value.items;
  if (Array.isArray(items)) return items;
  return items === null && document ? [] : undefined;
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The item as decodeToList leaves it: an item without kind and apiVersion gets the List's. */
function typed(item: unknown, list: Record<string, unknown>): unknown {
  if (!isObject(item) || nonEmptyString(item.kind) || nonEmptyString(item.apiVersion)) return item;
  const listKind = typeof list.kind === 'string' ? list.kind : '';
  const kind = listKind.endsWith('List') ? listKind.slice(0, -'List'.length) : listKind;
  const apiVersion = typeof list.apiVersion === 'string' ? list.apiVersion : '';
  return { ...item, apiVersion, kind };
}
