/**
 * The `Fn::Sub` string language: `${Name}` and `${Resource.Attribute}` are variables, `${!Text}` is the literal
 * `${Text}`, and anything else is text. Parsed once and shared by evaluation and dependency discovery.
 */

export type SubPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'variable'; readonly name: string };

/** Splits an `Fn::Sub` string into literal text and variable references. */
export function parseSubTemplate(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    if (start < 0) break;
    const end = template.indexOf('}', start + 2);
    if (end < 0) break;
    text += template.slice(i, start);
    const inside = template.slice(start + 2, end);
    if (inside.startsWith('!')) {
      text += `\${${inside.slice(1)}}`;
    } else {
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'variable', name: inside.trim() });
    }
    i = end + 1;
  }
  text += template.slice(i);
  if (text) parts.push({ kind: 'text', text });
  return parts;
}
