/**
 * How a finding's message names things, the same in every tool: a JSON pointer as a reader writes it, a value
 * quoted, a JSON type in words (the "did you mean" hint is closest-name.ts).
 */
import { fromPointer } from './diagnostic';

/** A JSON pointer as a reader writes it: `typeConfiguration.properties.Foo`, `handlers.preCreate.targetNames[0]`. */
export function readablePath(pointer: string): string {
  const tokens = fromPointer(pointer);
  if (tokens.length === 0) return '(top level)';
  let text = '';
  for (const token of tokens) {
    if (/^\d+$/.test(token)) text += `[${token}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(token)) text += text ? `.${token}` : token;
    else text += `[${JSON.stringify(token)}]`;
  }
  return text;
}

/** A value shown in a message: strings quoted, long values cut. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The JSON type name of a value, as a message would say it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}
