/** The one rule every command applies to a single-valued option given twice: refused, naming both values. */
import { parseArgs } from 'node:util';
import { refuseRepeatedValues } from '../../../src/kernel/cli';

const OPTIONS = { format: { type: 'string', short: 'f' }, parameter: { type: 'string', multiple: true }, quiet: { type: 'boolean', short: 'q' } } as const;

function refusal(args: string[]): string | undefined {
  const { tokens } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true, tokens: true });
  try {
    refuseRepeatedValues(tokens, OPTIONS, (message) => new RangeError(message));
  } catch (error) {
    expect(error).toBeInstanceOf(RangeError);
    return (error as Error).message;
  }
  return undefined;
}

describe('refuseRepeatedValues', () => {
  it.each<[string[], string | undefined]>([
    [['--format', 'text', '--format', 'json'], '--format is given more than once ("text", "json"): give it once'],
    [['-f', 'sarif', '--format=json'], '--format is given more than once ("sarif", "json"): give it once'],
    [['--format', 'json', '--format', 'json'], '--format is given more than once ("json", "json"): give it once'],
    [['--format', 'json'], undefined],
    // A repeatable option, and a flag (no value), are not single values.
    [['--parameter', 'A=1', '--parameter', 'B=2'], undefined],
    [['-q', '--quiet'], undefined],
    [['x.yml', '--format', 'json', 'y.yml'], undefined],
  ])('%j', (args, expected) => {
    expect(refusal(args)).toBe(expected);
  });
});
