import { existsSync } from 'node:fs';
import { readTemplateFile, TemplateError } from '../../../../simulator/cloudformation/template';

// A device has no end and no size: it is refused before it is opened, never read to a bound (a FIFO, which could
// block the open itself, is in test/kernel/source/named-fifo.hostile.test.ts, in a child process with a deadline).
const endless = '/dev/zero';

/**
 * Whether the endless device is there. When it is not, the skip is said where it is seen, as the cfn-guard suites say
 * theirs (test/support/cfn-guard.ts); in CI on anything but Windows (which never has it) a missing one fails [choice].
 */
function endlessDevicePresent(): boolean {
  if (existsSync(endless)) return true;
  const why = `bounded-read.test.ts: no ${endless} on this ${process.platform} host, so refusing a device is not tested`;
  if (process.env.CI && process.platform !== 'win32') throw new Error(`${why}; CI on a Unix host must run it`);
  process.stderr.write(`\n*** ${why}: these tests are SKIPPED ***\n\n`);
  return false;
}

(endlessDevicePresent() ? describe : describe.skip)('reading something that is not a regular file', () => {
  it('refuses it before opening it, located', () => {
    let error: unknown;
    try {
      readTemplateFile(endless);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).diagnostics[0]).toMatchObject({ code: 'TPL_UNREADABLE', file: endless, message: 'cannot read the template: it is a device, not a file' });
  });
});
