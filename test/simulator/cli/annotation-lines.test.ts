/**
 * Failed annotations in the text views: a Guard message or remediation spans lines (the remediation is the rules
 * file's `<< >>` block verbatim); each continuation line sits under its entry, blank runs and the block's own
 * indentation are gone. The JSON keeps the text as GetHookResult would.
 */
import { failedAnnotationLines, tidyText } from '../../../simulator/cli/annotation-lines';
import { renderJson, renderText } from '../../../simulator/cli/render';
import type { HookResult, HookResultAnnotation, SimulationResult } from '../../../simulator/cloudformation/invoke';

const GUARD_BLOCK = '\n        Violation: S3 buckets must have versioning enabled\n\n\n          Fix: set Properties.VersioningConfiguration.Status to Enabled\n    ';

describe('tidyText', () => {
  it.each<[string, string, string]>([
    ['one line stays', 'Keep the resource.', 'Keep the resource.'],
    ['a << >> block: leading/trailing blank lines and the common indentation go, a blank run becomes one', GUARD_BLOCK, 'Violation: S3 buckets must have versioning enabled\n\n  Fix: set Properties.VersioningConfiguration.Status to Enabled'],
    ['CRLF and trailing spaces', '  a  \r\n    b\r\n', 'a\n  b'],
    ['only blank lines', '\n  \n\t\n', ''],
    ['empty', '', ''],
  ])('%s', (_, text, expected) => {
    expect(tidyText(text)).toBe(expected);
  });
});

describe('failedAnnotationLines', () => {
  it.each<[string, HookResultAnnotation, string[]]>([
    [
      'one-line message and remediation with a link (unchanged from before)',
      { AnnotationName: 'required-tag-owner', Status: 'FAILED', SeverityLevel: 'MEDIUM', StatusMessage: "tag 'owner' is missing", RemediationMessage: 'Add the tag.', RemediationLink: 'https://example.com/tags' },
      ["  Q MyCompany::Tags MEDIUM required-tag-owner: tag 'owner' is missing", '      remediation: Add the tag. https://example.com/tags'],
    ],
    [
      'a Guard remediation block: its first line beside "remediation:", the rest under it',
      { AnnotationName: 'S3_BUCKET_VERSIONING_ENABLED', Status: 'FAILED', StatusMessage: 'Check was not compliant.', RemediationMessage: GUARD_BLOCK },
      ['  Q MyCompany::Tags S3_BUCKET_VERSIONING_ENABLED: Check was not compliant.', '      remediation: Violation: S3 buckets must have versioning enabled', '', '          Fix: set Properties.VersioningConfiguration.Status to Enabled'],
    ],
    [
      'a multi-line message: continuation lines under the entry',
      { AnnotationName: 'R', Status: 'FAILED', StatusMessage: 'first\nsecond\n  third' },
      ['  Q MyCompany::Tags R: first', '      second', '        third'],
    ],
    ['no message, no remediation', { AnnotationName: 'R', Status: 'FAILED' }, ['  Q MyCompany::Tags R:']],
    ['a blank remediation says nothing', { AnnotationName: 'R', Status: 'FAILED', StatusMessage: 'm', RemediationMessage: '\n   \n' }, ['  Q MyCompany::Tags R: m']],
  ])('%s', (_, annotation, expected) => {
    expect(failedAnnotationLines('Q MyCompany::Tags', annotation)).toEqual(expected);
  });
});

describe('renderText and renderJson of a Guard annotation', () => {
  const hookResult: HookResult = {
    HookResultId: 'r1',
    InvocationPoint: 'PRE_PROVISION',
    FailureMode: 'FAIL',
    TypeName: 'MyCompany::Guard::S3Buckets',
    OriginalTypeName: 'AWS::Hooks::GuardHook',
    TypeVersionId: '00000001',
    Status: 'HOOK_COMPLETE_FAILED',
    HookStatusReason: 'Template failed validation',
    Target: { TargetType: 'RESOURCE', TargetTypeName: 'AWS::S3::Bucket', TargetId: 'LogsBucket', Action: 'CREATE' },
    Annotations: [{ AnnotationName: 'S3_BUCKET_VERSIONING_ENABLED', Status: 'FAILED', StatusMessage: 'Check was not compliant.', RemediationMessage: GUARD_BLOCK }],
  };
  const result: SimulationResult = {
    stack: { name: 'buckets', operation: 'create', finalStatus: 'ROLLBACK_COMPLETE', outcome: 'FAILED' },
    events: [],
    invocations: [],
    skippedHooks: [],
    hookResults: [hookResult],
  };

  it('the text view indents the block under its entry', () => {
    const text = renderText(result, { name: 'buckets', region: 'us-east-1', accountId: '123456789012' });
    expect(text).toContain(
      [
        'Failed annotations (from the hook results):',
        '  LogsBucket MyCompany::Guard::S3Buckets S3_BUCKET_VERSIONING_ENABLED: Check was not compliant.',
        '      remediation: Violation: S3 buckets must have versioning enabled',
        '',
        '          Fix: set Properties.VersioningConfiguration.Status to Enabled',
        '',
        'Verdict: ',
      ].join('\n'),
    );
  });

  it('the JSON keeps the remediation exactly', () => {
    const json = JSON.parse(renderJson(result, [])) as { hookResults: HookResult[] };
    expect(json.hookResults[0]?.Annotations[0]?.RemediationMessage).toBe(GUARD_BLOCK);
  });
});
