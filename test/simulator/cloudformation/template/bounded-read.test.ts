import { existsSync } from 'node:fs';
import { readTemplateFile, TemplateError } from '../../../../simulator/cloudformation/template';

// A device has no end and no size: it is refused before it is opened, never read to a bound (a FIFO, which could
// block the open itself, is in test/kernel/source/named-fifo.hostile.test.ts, in a child process with a deadline).
const endless = '/dev/zero';

(existsSync(endless) ? describe : describe.skip)('reading something that is not a regular file', () => {
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
