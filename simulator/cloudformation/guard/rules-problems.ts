/**
 * Rules (or input-parameter files) that cfn-guard cannot read, told as the user's input error at the spot in their
 * file: a rules file that does not parse (cfn-guard names only its base name, with a line and column), and a file
 * that is not UTF-8 (cfn-guard names no file at all). The engine still decides: this module only reads what it
 * printed and finds the file it meant, so no Guard grammar is written here.
 */
import { basename, join } from 'node:path';
import type { Diagnostic } from '../../../src/kernel/diagnostics';

/** A diagnostic of this module. */
type RulesDiagnostic = Diagnostic & { readonly code: GuardRulesCode };
import { firstInvalidUtf8, isDirectory, positionAt, readBoundedBytes } from '../../../src/kernel/source';
import { GuardRulesError, type GuardRulesCode } from './errors';
import { cfnGuardReads, folderFiles, type CfnGuardInput, type GuardArchive } from './rule-archive';

/** The most of one file read to locate a problem (cfn-guard itself read the file whole). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** One file cfn-guard read: where the user has it (a path, or an archive and the entry in it) and its bytes. */
interface SourceFile {
  /** The local path, or the archive's path for an entry. */
  readonly file: string;
  /** The entry's path inside the archive, when the file is one. */
  readonly entry?: string;
  readonly bytes: Buffer;
}

/**
 * The error for a report of rules that do not parse (`Parsing error handling rule file = <name>, … at line L at
 * column C, when handling <what>, fragment <text>`), one diagnostic per file named; undefined when stderr has none.
 * The engine's version, when known, is named: rules written for a newer cfn-guard (its `now()`) do not parse in 3.1.1.
 */
export function rulesParseError(stderr: string, rules: string | GuardArchive, engineVersion?: string): GuardRulesError | undefined {
  const blocks = stderr.split('Parsing error handling rule file = ').slice(1);
  if (blocks.length === 0) return undefined;
  const files = ruleFiles(rules);
  const diagnostics = blocks.map((block): RulesDiagnostic => {
    const name = /^(.*?), Error = /.exec(block)?.[1] ?? '';
    const where = /at line (\d+) at column (\d+), when handling (.*?), fragment ([^]*?)`\s*(?:---|$)/.exec(block);
    const source = files.find((f) => basename(f.entry ?? f.file) === name);
    const expected = where?.[3]?.trim() ?? '';
    const near = (where?.[4] ?? '').trim().split('\n')[0]?.trim() ?? '';
    const bom = source !== undefined && UTF8_BOM.every((b, i) => source.bytes[i] === b);
    const message = [
      `cfn-guard${engineVersion !== undefined ? ` ${engineVersion}` : ''} cannot parse the rules${expected !== '' ? `: ${expected}` : ''}${near !== '' ? ` (at '${near.slice(0, 120)}')` : ''}`,
      bom ? '; the file starts with a UTF-8 byte-order mark, which cfn-guard does not read: save it without one' : '',
    ].join('');
    return located('GUARD_RULES_PARSE', source ?? { file: name, bytes: Buffer.alloc(0) }, message, Number(where?.[1] ?? 0), Number(where?.[2] ?? 0));
  });
  return new GuardRulesError(diagnostics);
}

/**
 * The error for cfn-guard's `stream did not contain valid UTF-8` (it names no file): every rules or input-parameter
 * file that is not UTF-8, located at its first bad byte; undefined when none is (the message was about something else).
 */
export function notUtf8Error(stderr: string, rules: string | GuardArchive, inputParams: readonly (string | GuardArchive)[]): GuardRulesError | undefined {
  if (!/did not contain valid UTF-8/.test(stderr)) return undefined;
  const diagnostics: RulesDiagnostic[] = [];
  const read: { object: string | GuardArchive; input: CfnGuardInput }[] = [
    { object: rules, input: 'rules' },
    ...inputParams.map((object) => ({ object, input: 'inputParams' as const })),
  ];
  for (const { object, input } of read) {
    // A file named on its own is read whatever its name; in a folder or an archive, only what cfn-guard's scan reads.
    const sources = typeof object === 'string' && !isDirectory(object) ? [fileOf(object)] : allFiles(object).filter((f) => cfnGuardReads(f.entry ?? f.file, input));
    for (const source of sources) {
      if (source === undefined) continue;
      const offset = firstInvalidUtf8(source.bytes);
      if (offset >= source.bytes.length) continue;
      const before = source.bytes.subarray(0, offset).toString('utf8');
      const { line, column } = positionAt(before, before.length);
      const byte = (source.bytes[offset] ?? 0).toString(16).padStart(2, '0');
      diagnostics.push(located('GUARD_RULES_NOT_UTF8', source, `the file is not UTF-8 (byte 0x${byte} at byte offset ${offset}); cfn-guard reads UTF-8 only`, line, column));
    }
  }
  return diagnostics.length > 0 ? new GuardRulesError(diagnostics) : undefined;
}

/** A diagnostic at a line of a file; an archive entry is named in the message, the archive is the file. */
function located(code: GuardRulesCode, source: SourceFile, message: string, line: number, column: number): RulesDiagnostic {
  if (source.entry === undefined) return { code, severity: 'error', message, file: source.file, path: '', line, column };
  const at = line > 0 ? ` line ${line}, column ${column}` : '';
  return { code, severity: 'error', message: `entry '${source.entry}'${at}: ${message}`, file: source.file, path: '', line: 0, column: 0 };
}

/** The rules files cfn-guard evaluated: the file itself, a folder's `.guard`/`.ruleset` files, an archive's. */
function ruleFiles(rules: string | GuardArchive): SourceFile[] {
  if (typeof rules === 'string' && !isDirectory(rules)) return [fileOf(rules)].filter((f): f is SourceFile => f !== undefined);
  return allFiles(rules).filter((f) => cfnGuardReads(f.entry ?? f.file, 'rules'));
}

/** Every file of a folder (as cfn-guard walks it) or of an archive. */
function allFiles(object: string | GuardArchive): SourceFile[] {
  if (typeof object !== 'string') return object.entries.map((e) => ({ file: object.file, entry: e.name, bytes: e.data }));
  return folderFiles(object)
    .map((name) => fileOf(join(object, name)))
    .filter((f): f is SourceFile => f !== undefined);
}

function fileOf(path: string): SourceFile | undefined {
  try {
    return { file: path, bytes: Buffer.from(readBoundedBytes(path, MAX_FILE_BYTES, 'the rules file').bytes) };
  } catch {
    return undefined;
  }
}
