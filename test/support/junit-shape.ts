/**
 * JUnit XML checked against the shape the strictest common reader accepts: the Jenkins xunit plugin's junit-10.xsd
 * (attributes each element may carry, the ones it must, what may nest in what), plus the counts the readers trust
 * (tests/failures/skipped equal to the cases). A small well-formedness parser: elements, attributes, text, the five
 * predefined entities and character references; no DTD, no CDATA, no processing instruction but the declaration.
 */

/** An element of the parsed document. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ALLOWED: Readonly<Record<string, { required: readonly string[]; optional: readonly string[]; children: readonly string[] }>> = {
  testsuites: { required: [], optional: ['name', 'time', 'tests', 'failures', 'errors', 'disabled'], children: ['testsuite'] },
  testsuite: {
    required: ['name', 'tests', 'failures', 'errors'],
    optional: ['skipped', 'time', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url', 'group', 'disabled'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
  },
  testcase: { required: ['name'], optional: ['classname', 'time', 'group', 'assertions', 'status'], children: ['skipped', 'error', 'failure', 'system-out', 'system-err'] },
  failure: { required: [], optional: ['message', 'type'], children: [] },
  error: { required: [], optional: ['message', 'type'], children: [] },
  skipped: { required: [], optional: ['message'], children: [] },
  'system-out': { required: [], optional: [], children: [] },
  'system-err': { required: [], optional: [], children: [] },
};

/** Parses XML text into elements; throws on anything not well-formed. */
export function parseXml(xml: string): XmlElement {
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!decl) throw new Error('missing <?xml version="1.0" encoding="UTF-8"?>');
  let at = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const decode = (s: string): string => {
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bad entity in ${JSON.stringify(s)}`);
    if (/[<]/.test(s)) throw new Error(`raw < in ${JSON.stringify(s)}`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(s)) throw new Error('a character XML 1.0 forbids');
    return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
      e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
    );
  };
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const textPart = xml.slice(at, lt === -1 ? xml.length : lt);
    if (textPart.trim() !== '') {
      const top = stack[stack.length - 1];
      if (!top) throw new Error(`text outside the root: ${JSON.stringify(textPart)}`);
      top.text += decode(textPart);
    }
    if (lt === -1) break;
    const gt = xml.indexOf('>', lt);
    if (gt === -1) throw new Error('unclosed tag');
    const tag = xml.slice(lt + 1, gt);
    at = gt + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1)) throw new Error(`</${tag.slice(1)}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([A-Za-z][\w-]*)((?:\s+[A-Za-z][\w-]*="[^"]*")*)\s*$/.exec(body);
    if (!m) throw new Error(`malformed tag <${tag}>`);
    const attributes: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([A-Za-z][\w-]*)="([^"]*)"/g)) {
      if ((a[1] as string) in attributes) throw new Error(`attribute ${a[1]} twice`);
      attributes[a[1] as string] = decode(a[2] as string);
    }
    const element: XmlElement = { name: m[1] as string, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) throw new Error('two root elements');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0 || !root) throw new Error('unclosed element');
  return root;
}

/** What is wrong with a JUnit report for the strict reader; empty when nothing. */
export function junitShapeErrors(xml: string): string[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    return [`not well-formed: ${(error as Error).message}`];
  }
  const errors: string[] = [];
  if (root.name !== 'testsuites') errors.push(`root is <${root.name}>, not <testsuites>`);
  const visit = (e: XmlElement): void => {
    const rule = ALLOWED[e.name];
    if (!rule) return void errors.push(`unknown element <${e.name}>`);
    for (const r of rule.required) if (!(r in e.attributes)) errors.push(`<${e.name}> lacks ${r}`);
    for (const a of Object.keys(e.attributes)) if (!rule.required.includes(a) && !rule.optional.includes(a)) errors.push(`<${e.name}> may not carry ${a}`);
    for (const c of e.children) {
      if (!rule.children.includes(c.name)) errors.push(`<${c.name}> inside <${e.name}>`);
      visit(c);
    }
    for (const n of ['tests', 'failures', 'errors', 'skipped']) if (n in e.attributes && !/^\d+$/.test(e.attributes[n] as string)) errors.push(`<${e.name}> ${n} is not a count`);
    if ('time' in e.attributes && !/^\d+(?:\.\d+)?$/.test(e.attributes.time as string)) errors.push(`<${e.name}> time is not decimal seconds`);
    if (e.name === 'testsuite') {
      const cases = e.children.filter((c) => c.name === 'testcase');
      const count = (what: string): number => cases.filter((c) => c.children.some((x) => x.name === what)).length;
      if (Number(e.attributes.tests) !== cases.length) errors.push(`testsuite ${e.attributes.name} says tests=${e.attributes.tests}, holds ${cases.length}`);
      if (Number(e.attributes.failures) !== count('failure')) errors.push(`testsuite ${e.attributes.name} miscounts failures`);
      if ('skipped' in e.attributes && Number(e.attributes.skipped) !== count('skipped')) errors.push(`testsuite ${e.attributes.name} miscounts skipped`);
    }
  };
  visit(root);
  return errors;
}
