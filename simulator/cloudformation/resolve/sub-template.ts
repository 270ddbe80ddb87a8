/**
 * The `Fn::Sub` string language: `${Name}` and `${Resource.Attribute}` are variables, `${!Text}` is the literal
 * `${Text}`, and anything else is text. Parsed once and shared by evaluation and dependency discovery.
 */
import { isJsonObject } from '../../../src/kernel/protocol';

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

/**
 * The names an `Fn::Sub` argument (its string, or `[string, variables]`) reads from the template, in order: each
 * variable's name up to its first dot (the resource of `${Resource.Attribute}`), less the variables its own map
 * defines. Dependency discovery and a change set's replacement evaluation both ask here.
 */
export function subReadNames(argument: unknown): string[] {
  const template = Array.isArray(argument) ? argument[0] : argument;
  if (typeof template !== 'string') return [];
  const variables = Array.isArray(argument) && isJsonObject(argument[1]) ? argument[1] : undefined;
  const names: string[] = [];
  for (const part of parseSubTemplate(template)) {
    if (part.kind === 'variable' && !(variables !== undefined && Object.prototype.hasOwnProperty.call(variables, part.name))) names.push(part.name.split('.')[0] as string);
  }
  return names;
}
