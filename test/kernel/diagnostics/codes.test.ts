import { codeFamily, CODE_FAMILIES, type DiagnosticCode } from '../../../src/kernel/diagnostics';

describe('the registry of diagnostic-code families', () => {
  it.each<[DiagnosticCode, string | undefined]>([
    ['TPL_YAML_SYNTAX', 'TPL'],
    ['RES_UNKNOWN_FUNCTION', 'RES'],
    ['SRC_JSON_SYNTAX', 'SRC'],
    ['AMPLIFY_HOOK_CRLF', 'AMPLIFY'],
    ['HS101', 'HS'],
    ['HC010', 'HC'],
    ['USAGE', undefined],
  ])('%s belongs to %s', (code, family) => {
    expect(codeFamily(code)).toBe(family);
  });

  it('describes every family', () => {
    for (const [family, about] of Object.entries(CODE_FAMILIES)) {
      expect(family).toMatch(/^[A-Z]+$/);
      expect(about.length).toBeGreaterThan(10);
    }
  });
});
