/** Option parsing shared by both subcommands: `--timeout` and `--format` mean the same thing in each. */
import { LifecycleUsageError } from './errors';
import { argumentErrorText, parseOutputFormat } from '../../src/kernel/cli';

/** The formats a script-hook report can be written in. */
export type OutputFormat = 'text' | 'json';

/** Reads `--format`; anything but text or json is a usage error. */
export function parseFormat(value: string | undefined): OutputFormat {
  return parseOutputFormat(value, ['text', 'json'], (message) => new LifecycleUsageError(message));
}

/** Reads `--timeout <seconds>`: a positive number. */
export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new LifecycleUsageError(`--timeout must be a positive number of seconds, not "${value}"`);
  return seconds;
}

/** Wraps a `parseArgs` failure as a usage error with its own message (no error class prefix), a typo naming the option meant. */
export function usageErrorFrom(error: unknown, options: Readonly<Record<string, unknown>>): LifecycleUsageError {
  return new LifecycleUsageError(argumentErrorText(error, options));
}
