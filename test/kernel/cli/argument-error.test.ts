/** parseArgs errors as a person reads them: Node's advice about positionals dropped, a typo's intended option named. */
import { parseArgs } from 'node:util';
import { argumentErrorText } from '../../../src/kernel/cli';

const OPTIONS = { format: { type: 'string' }, jobs: { type: 'string' }, 'template-map': { type: 'string' }, quiet: { type: 'boolean', short: 'q' } } as const;

function errorOf(args: string[]): unknown {
  try {
    parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    return error;
  }
  throw new Error(`parseArgs took ${args.join(' ')}`);
}

describe('argumentErrorText', () => {
  it.each<[string[], string]>([
    [['--formt', 'json'], "Unknown option '--formt': did you mean --format?"],
    [['--job', '2'], "Unknown option '--job': did you mean --jobs?"],
    [['--template-maps', 'a=b'], "Unknown option '--template-maps': did you mean --template-map?"],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    // Every command takes --version besides its own options (runCommand answers it before they are parsed).
    [['--versoin'], "Unknown option '--versoin': did you mean --version?"],
    [['--version=1'], "Option '--version' does not take an argument"],
    [['-x'], "Unknown option '-x'"],
    [['--format'], "Option '--format <value>' argument missing"],
    // Node's three lines ("ambiguous. Did you forget…") for a negative number: one line, and the form that works.
    [['--jobs', '-1'], "--jobs takes a value, and the word after it starts with '-', so it is read as an option; if it is the value, write --jobs=<value>"],
    [['--format', '--quiet'], "--format takes a value, and the word after it starts with '-', so it is read as an option; if it is the value, write --format=<value>"],
  ])('%j: %s', (args, text) => {
    expect(argumentErrorText(errorOf(args), OPTIONS)).toBe(text);
  });

  it('takes an error from another realm, or no error at all', () => {
    expect(argumentErrorText({ message: "Unknown option '--qiet'. To specify a positional argument starting with a '-', place it at the end" }, OPTIONS)).toBe("Unknown option '--qiet': did you mean --quiet?");
    expect(argumentErrorText('plain', OPTIONS)).toBe('plain');
  });
});
