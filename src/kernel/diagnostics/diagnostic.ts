/**
 * Diagnostics are data: every error or warning a user can cause points at the spot in *their* file.
 * Printed as `file:line:col CODE message`.
 */
import { displayName, escapeUnprintable } from './display-name';

import type { DiagnosticCode } from './codes';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** A stable rule or error id, e.g. `HS001` or `TPL_UNKNOWN_TAG`. */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  /** The file the diagnostic is about, when there is one. */
  readonly file?: string;
  /** JSON pointer (RFC 6901) into the document, '' for the whole document. */
  readonly path: string;
  /** 1-based line and column; 0 when the position is not known. */
  readonly line: number;
  readonly column: number;
}

/**
 * Formats one diagnostic as `file:line:col CODE message` (the position part is left out when unknown). Always one
 * line: a file name, message or pointer holding a newline or a terminal escape is shown escaped.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file ? displayName(d.file) : '', d.line > 0 ? `${d.line}:${d.column}` : ''].filter(Boolean).join(':');
  const pointer = d.path ? ` (at ${escapeUnprintable(d.path)})` : '';
  return `${where ? `${where} ` : ''}${d.severity === 'error' ? '' : `${d.severity} `}${d.code} ${escapeUnprintable(d.message)}${pointer}`;
}

/** Escapes one JSON pointer token (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON pointer from path segments. */
export function toPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${escapePointerToken(s)}`).join('');
}

/** Splits a JSON pointer into its unescaped tokens. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Sorts diagnostics by file, line, column, then code: output is deterministic. */
export function sortDiagnostics<T extends Diagnostic>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}
