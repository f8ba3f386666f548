import type { CST, Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { yamlPackage } from '../../edge/index.ts';
import { MAX_NESTING_DEPTH } from '../../kubernetes/index.ts';

/*
 * The yaml package composes documents recursively: past some 800 to 1,300 levels (it depends on
 * how much of the stack the caller and the JIT have used) it overflows the stack, so whether a
 * deep document was read or refused used to change from one run to the next, and between output
 * formats. Its lexer and CST parser are iterative, so the depth is measured on the CST first, and
 * a document deeper than MAX_NESTING_DEPTH is refused every time.
 */

export interface ComposedStream {
  /** One per document of the stream, in order; a refused document is composed empty. */
  readonly documents: Document.Parsed[];
  /** Documents nested deeper than MAX_NESTING_DEPTH, with the offset where the limit is passed. */
  readonly tooDeep: ReadonlyMap<number, number>;
}

/** parseAllDocuments, with every document nested too deep emptied before it is composed. */
export function composeDocuments(
  text: string,
  options: ParseOptions & DocumentOptions & SchemaOptions & { lineCounter?: { addNewLine(offset: number): void } },
): ComposedStream {
  const { Composer, Parser } = yamlPackage();
  const parser = new Parser(options.lineCounter ? (offset) => options.lineCounter!.addNewLine(offset) : undefined);
  const composer = new Composer(options);
  const documents: Document.Parsed[] = [];
  const tooDeep = new Map<number, number>();
  let index = 0;
  for (const token of parser.parse(text)) {
    if (token.type === 'document') {
      const deepAt = offsetPastDepth(token.value, MAX_NESTING_DEPTH);
      if (deepAt !== undefined) {
        tooDeep.set(index, deepAt);
        token.value = undefined;
      }
      index++;
    }
    for (const document of composer.next(token)) documents.push(document as Document.Parsed);
  }
  for (const document of composer.end()) documents.push(document as Document.Parsed);
  return { documents, tooDeep };
}

/** Where a token's collections first nest deeper than `limit`, walked with a stack of its own. */
function offsetPastDepth(root: CST.Token | undefined, limit: number): number | undefined {
  const pending: [CST.Token, number][] = root ? [[root, 0]] : [];
  while (pending.length > 0) {
    const [token, depth] = pending.pop()!;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > limit) return token.offset;
    for (const item of token.items) {
      if ('key' in item && item.key) pending.push([item.key, depth + 1]);
      if (item.value) pending.push([item.value, depth + 1]);
    }
  }
  return undefined;
}
