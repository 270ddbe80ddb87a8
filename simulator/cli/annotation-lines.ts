/**
 * A FAILED annotation as lines of the text views. Guard's messages span lines and its remediation is the rules
 * file's `<< >>` block verbatim (leading newline, the file's indentation, blank lines): the text view tidies them
 * for reading; the JSON keeps them exactly as GetHookResult would.
 */
import type { HookResultAnnotation } from '../cloudformation/invoke';

/** Where an entry starts, where its message's continuation lines start, and where the remediation's do. */
const ENTRY_INDENT = '  ';
const CONTINUATION_INDENT = '      ';
const REMEDIATION_INDENT = '        ';

/**
 * The lines of one annotation: `  <label> <severity> <name>: <message>` and `      remediation: <message> <link>`,
 * each continuation line indented under its entry.
 */
export function failedAnnotationLines(label: string, annotation: HookResultAnnotation): string[] {
  const severity = annotation.SeverityLevel ? ` ${annotation.SeverityLevel}` : '';
  const lines = withContinuations(`${ENTRY_INDENT}${label}${severity} ${annotation.AnnotationName}:`, tidyText(annotation.StatusMessage ?? ''), CONTINUATION_INDENT);
  const remedy = [tidyText(annotation.RemediationMessage ?? ''), annotation.RemediationLink?.trim() ?? ''].filter((x) => x !== '').join(' ');
  if (remedy) for (const line of withContinuations(`${CONTINUATION_INDENT}remediation:`, remedy, REMEDIATION_INDENT)) lines.push(line);
  return lines;
}

/**
 * Text as a reader wants it: trailing spaces, leading and trailing blank lines dropped, each run of blank lines
 * made one, and the indentation the lines share removed (a `<< >>` block keeps the rules file's).
 */
export function tidyText(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.trimEnd());
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  let common = Infinity;
  for (const line of kept) if (line !== '') common = Math.min(common, line.length - line.trimStart().length);
  return kept.map((line) => line.slice(common === Infinity ? 0 : common)).join('\n');
}

/** `head text` on one line, the text's further lines each under `indent` (a blank line stays empty). */
function withContinuations(head: string, text: string, indent: string): string[] {
  const [first = '', ...rest] = text.split('\n');
  return [`${head} ${first}`.trimEnd(), ...rest.map((line) => (line === '' ? '' : `${indent}${line}`))];
}
