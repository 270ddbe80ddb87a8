import fc from 'fast-check';
import { displayName, formatDiagnostic, isPrintableName } from '../../../src/kernel/diagnostics';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS } from '../../support/fuzz-runs';

/** Names from any UTF-16 code units, with the characters that forge output made frequent. */
const hostileName = fc
  .array(fc.oneof(fc.constantFrom('\n', '\r', '\t', '\u001b', '\u0000', '\u007f', '\u0085', '\u2028', '\u202e', '\ufeff', '"', '\\', '\ud800', '\udc00', 'a', ' ', 'é', '🚀'), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('displayName (property)', () => {
  it(
    'is the name itself when printable, else a JSON string literal that reads back as the name; never holds a line break or an escape',
    () => {
      fc.assert(
        fc.property(hostileName, (name) => {
          const shown = displayName(name);
          if (isPrintableName(name)) expect(shown).toBe(name);
          else expect(JSON.parse(shown)).toBe(name);
          expect(isPrintableName(shown)).toBe(true);
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );

  it(
    'keeps formatDiagnostic to one printable line whatever the file, message and pointer hold',
    () => {
      fc.assert(
        fc.property(hostileName, hostileName, hostileName, (file, message, path) => {
          const line = formatDiagnostic({ code: 'SRC_SYNTAX', severity: 'error', file, message, path, line: 1, column: 1 });
          expect(isPrintableName(line)).toBe(true);
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TIMEOUT_MILLIS,
  );
});
