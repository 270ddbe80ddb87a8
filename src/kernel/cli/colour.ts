/**
 * Colours for text output: on when standard output is a terminal, off under NO_COLOR (https://no-color.org: any
 * non-empty value), forced by FORCE_COLOR (any value but "0" or "false", as Node and chalk read it), off for a
 * dumb terminal. Machine formats (JSON, SARIF, JUnit) never call this.
 */
import type { CliIo } from './command-io';

/** Wraps text in one ANSI style, or returns it unchanged when colours are off. */
export type Paint = (text: string) => string;

/** The styles text output uses. */
export interface Palette {
  readonly enabled: boolean;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly bold: Paint;
  readonly dim: Paint;
}

/** Whether the command's text output should be coloured. */
export function colourEnabled(io: Pick<CliIo, 'env' | 'stdoutIsTty'>): boolean {
  const { NO_COLOR, FORCE_COLOR, TERM } = io.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR !== undefined) return FORCE_COLOR !== '0' && FORCE_COLOR.toLowerCase() !== 'false';
  return io.stdoutIsTty === true && TERM !== 'dumb';
}

const style =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Paint = (text) => text;

/** The palette for a command's text output (every style a no-op when colours are off). */
export function palette(enabled: boolean): Palette {
  if (!enabled) return { enabled, red: plain, green: plain, yellow: plain, bold: plain, dim: plain };
  return { enabled, red: style(31, 39), green: style(32, 39), yellow: style(33, 39), bold: style(1, 22), dim: style(2, 22) };
}
