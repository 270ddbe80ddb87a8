/**
 * JSON text as Python's `json.dumps` writes it, because `cfn submit` writes the generated package members
 * (configuration-schema.json, target-info.json, .cfn_metadata.json) with it: a package built here should
 * be byte-comparable with one `cfn submit --dry-run` builds from the same project.
 */

/** `json.dumps(value, indent=indent)`: like JSON.stringify with an indent, but non-ASCII escaped (ensure_ascii). */
export function pythonJsonIndented(value: unknown, indent: number): string {
  return escapeNonAscii(JSON.stringify(value, null, indent));
}

/** `json.dumps(value)`: no indent, `", "` between items and `": "` after keys, non-ASCII escaped. */
export function pythonJsonCompact(value: unknown): string {
  return escapeNonAscii(compact(value));
}

function compact(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${compact(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function escapeNonAscii(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
