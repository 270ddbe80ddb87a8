/**
 * Lists inside messages. A message that names every export, variable or parameter of a hostile input can run
 * to megabytes on one line; every list joined into a message goes through `listForMessage`, which names the
 * first few and counts the rest.
 */

/** Most items a message names before it counts the rest. */
export const MESSAGE_LIST_MAX = 20;

/** Items joined for a message, capped with a count: `a, b, c … and 99,997 more`. */
export function listForMessage(items: Iterable<string>, options: { separator?: string; max?: number } = {}): string {
  const separator = options.separator ?? ', ';
  const max = Math.max(1, options.max ?? MESSAGE_LIST_MAX);
  const shown: string[] = [];
  let total = 0;
  for (const item of items) {
    if (total < max) shown.push(item);
    total += 1;
  }
  const rest = total - shown.length;
  return rest > 0 ? `${shown.join(separator)} … and ${rest.toLocaleString('en-US')} more` : shown.join(separator);
}
