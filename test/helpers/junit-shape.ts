// A strict reader of the JUnit XML that `lint -o junit` writes, for the tests: well-formed XML 1.0
// (balanced tags, quoted attributes, only the five entities and character references, no
// character XML cannot carry) in the element tree CI systems read (Jenkins' and GitLab's JUnit
// schema): testsuites > testsuite > testcase > (failure | system-out).

export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ALLOWED_CHILDREN: Record<string, readonly string[]> = {
  '#document': ['testsuites'],
  testsuites: ['testsuite'],
  testsuite: ['testcase'],
  testcase: ['failure', 'system-out'],
  failure: [],
  'system-out': [],
};
const REQUIRED_ATTRIBUTES: Record<string, readonly string[]> = {
  testsuite: ['name', 'tests', 'failures'],
  testcase: ['classname', 'name'],
  failure: ['message', 'type'],
};
// eslint-disable-next-line no-control-regex -- what XML 1.0 cannot carry
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

function decode(text: string): string {
  if (NOT_XML.test(text)) throw new Error(`a character XML 1.0 cannot carry in ${JSON.stringify(text)}`);
  return text.replace(/&(#\d+|#x[0-9a-fA-F]+|\w+);|&/g, (match, entity: string | undefined) => {
    if (entity === undefined) throw new Error(`a bare & in ${JSON.stringify(text)}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    if (!(entity in named)) throw new Error(`unknown entity &${entity};`);
    return named[entity]!;
  });
}

/** The document's root, or an Error saying what is wrong. */
export function readJunit(xml: string): XmlElement {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (!xml.startsWith(declaration)) throw new Error('no XML declaration');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const token = /<\/([\w-]+)\s*>|<([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  token.lastIndex = declaration.length;
  while (token.lastIndex < xml.length) {
    const m = token.exec(xml);
    if (!m) throw new Error(`cannot read the XML at offset ${token.lastIndex}`);
    const [, close, open, attrs, selfClosing, text, stray] = m;
    const top = stack.at(-1)!;
    if (stray) throw new Error(`a bare < at offset ${m.index}`);
    if (text !== undefined) {
      const decoded = decode(text);
      if (decoded.trim() !== '' && !['failure', 'system-out'].includes(top.name))
        throw new Error(`text inside <${top.name}>`);
      top.text += decoded;
    } else if (close) {
      if (close !== top.name) throw new Error(`</${close}> closes <${top.name}>`);
      stack.pop();
    } else {
      if (!ALLOWED_CHILDREN[top.name]?.includes(open!)) throw new Error(`<${open}> inside <${top.name}>`);
      const attributes: Record<string, string> = {};
      for (const [, key, value] of attrs!.matchAll(/([\w-]+)="([^"]*)"/g)) {
        if (key! in attributes) throw new Error(`attribute ${key} twice`);
        attributes[key!] = decode(value!);
      }
      for (const key of REQUIRED_ATTRIBUTES[open!] ?? [])
        if (!(key in attributes)) throw new Error(`<${open}> without ${key}`);
      const element: XmlElement = { name: open!, attributes, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is not closed`);
  if (root.children.length !== 1) throw new Error('not one root element');
  return root.children[0]!;
}
