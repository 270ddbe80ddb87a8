import { existsSync } from 'node:fs';
import { readTemplateFile, TemplateError } from '../../../../simulator/cloudformation/template';

// A device or a pipe has no size to check up front: the reader must stop at the quota, not read for ever.
const endless = '/dev/zero';

(existsSync(endless) ? describe : describe.skip)('reading something that is not a regular file', () => {
  it('stops at the service quota and refuses it, located', () => {
    let error: unknown;
    try {
      readTemplateFile(endless);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).diagnostics[0]).toMatchObject({ code: 'TPL_TOO_LARGE', file: endless, line: 1 });
  });
});
