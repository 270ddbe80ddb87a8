/**
 * How findings word what they found: a JSON pointer as a reader writes it, a value quoted and cut, a JSON type
 * named, a typo's likely intent.
 */
import { fromPointer } from '../kernel/diagnostics';

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

/** The closest candidate within edit distance 2, for "did you mean" hints on typos. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
