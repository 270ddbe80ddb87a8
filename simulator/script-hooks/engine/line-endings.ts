/**
 * Windows line endings are the most common reason a hook that works on a laptop fails on the platform: a
 * `#!/bin/bash\r` interpreter line names a program that does not exist, and bash reads `\r` as part of words.
 */
import { positionAt } from '../../../src/kernel/source';
import { basename } from 'node:path';
import { parseInterpreterLine, readScriptHead } from './script-file';

/** Where a script first uses a CRLF line ending, and whether its interpreter line is affected. */
export interface CrlfFinding {
  readonly line: number;
  readonly column: number;
  /** The `#!` line ends in `\r`: the kernel looks for an interpreter whose name ends in a carriage return. */
  readonly inShebang: boolean;
  /** The interpreter as the kernel would read it, e.g. `/bin/bash\r`, when `inShebang`. */
  readonly interpreter?: string;
}

/** Finds the first CRLF in a text file's first 256 KiB; binary files (a NUL byte early on) are never reported. */
export function findCrlf(text: string): CrlfFinding | undefined {
  if (text.slice(0, 8192).includes('\0')) return undefined;
  const offset = text.indexOf('\r\n');
  if (offset === -1) return undefined;
  const { line, column } = positionAt(text, offset);
  const inShebang = text.startsWith('#!') && line === 1;
  return inShebang ? { line, column, inShebang, interpreter: text.slice(2, offset).trim() + '\r' } : { line, column, inShebang };
}

/** Looks for CRLF line endings in the start of a regular file; anything else (a FIFO, an unreadable file) has none to report. */
export function findCrlfInFile(path: string): CrlfFinding | undefined {
  const head = readScriptHead(path);
  return head === undefined ? undefined : findCrlf(head.toString('utf8'));
}

/** Programs that read a script's carriage returns as part of its words (node, Python and others read CRLF as a line end). */
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'busybox']);

/** True when `program` (a name or a path) is a shell. */
export function isShell(program: string): boolean {
  return SHELLS.has(basename(program));
}

/**
 * The program a `#!` line finally runs: the interpreter, or for `#!/usr/bin/env [-S] name …` the name env looks up.
 * Undefined when the head has no `#!` line.
 */
export function scriptProgram(head: Buffer): string | undefined {
  const line = parseInterpreterLine(head);
  if (!line) return undefined;
  if (basename(line.interpreter) !== 'env' || line.argument === undefined) return line.interpreter;
  const words = line.argument.split(/[ \t]+/).filter((w) => w !== '' && w !== '-S' && !w.includes('='));
  return words[0] ?? line.interpreter;
}
