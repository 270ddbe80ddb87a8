/**
 * The answer checks: what makes an answer unusable to the service (the simulator's errored call), the rules only
 * `cfn test` asserts (a warning in the simulator), and `progressEventViolations`, both together, which judges this
 * project's own handler (the contract runner, the handler's tests).
 */
import { CFN_TEST_ERROR_CODES, cfnTestRuleViolations, HOOK_ERROR_CODES, progressEventViolations, unusableAnswerProblems } from '../../../src/kernel/protocol';

describe('the answer checks', () => {
  it.each<[string, unknown, string | undefined, string[], string[]]>([
    ['a SUCCESS', { hookStatus: 'SUCCESS', message: 'ok', callbackDelaySeconds: 0 }, undefined, [], []],
    ['not an object', 'SUCCESS', undefined, ['the answer is not a JSON object'], []],
    ['no hookStatus', { message: 'ok' }, undefined, ['hookStatus must be one of SUCCESS, FAILED, IN_PROGRESS, got undefined'], []],
    ['an unknown hookStatus', { hookStatus: 'DONE' }, undefined, ['hookStatus must be one of SUCCESS, FAILED, IN_PROGRESS, got "DONE"'], []],
    ['FAILED without errorCode', { hookStatus: 'FAILED', message: 'no' }, undefined, ['a FAILED answer must carry an errorCode'], []],
    ['an unknown errorCode', { hookStatus: 'FAILED', errorCode: 'Nope', message: 'no' }, undefined, ['errorCode "Nope" is not a hook error code'], []],
    ['a delay that is not a whole number', { hookStatus: 'IN_PROGRESS', callbackDelaySeconds: '5' }, undefined, ['callbackDelaySeconds must be a non-negative integer'], []],
    ['a message that is not a string', { hookStatus: 'SUCCESS', message: 5 }, undefined, ['message must be a string'], []],
    ['annotations that are not an array', { hookStatus: 'SUCCESS', annotations: {} }, undefined, ['annotations must be an array'], []],
    // cfn test's rules: the service takes these (the runtimes send a FAILED without a message when a handler throws).
    ['SUCCESS with a delay', { hookStatus: 'SUCCESS', callbackDelaySeconds: 30 }, undefined, [], ['a SUCCESS answer must have callbackDelaySeconds 0']],
    ['SUCCESS with an errorCode', { hookStatus: 'SUCCESS', errorCode: 'NonCompliant' }, undefined, [], ['a SUCCESS answer must not carry an errorCode']],
    ['FAILED without a message', { hookStatus: 'FAILED', errorCode: 'NonCompliant' }, undefined, [], ['a FAILED answer must carry a message']],
    ['FAILED with message ""', { hookStatus: 'FAILED', errorCode: 'InternalFailure', message: '' }, undefined, [], ['a FAILED answer must carry a message']],
    ['FAILED with a delay', { hookStatus: 'FAILED', errorCode: 'NonCompliant', message: 'no', callbackDelaySeconds: 3 }, undefined, [], ['a FAILED answer must have callbackDelaySeconds 0']],
    ['IN_PROGRESS with an errorCode', { hookStatus: 'IN_PROGRESS', errorCode: 'Throttling' }, undefined, [], ['an IN_PROGRESS answer must not carry an errorCode']],
    ['IN_PROGRESS with a String callbackContext', { hookStatus: 'IN_PROGRESS', callbackContext: 'step-2' }, undefined, [], ['callbackContext must be a JSON object']],
    // The Java runtime's code, unknown to cfn test's (and the Python runtime's) HandlerErrorCode.
    ['FAILED UnauthorizedTaggingOperation', { hookStatus: 'FAILED', errorCode: 'UnauthorizedTaggingOperation', message: 'no' }, undefined, [], ['errorCode "UnauthorizedTaggingOperation" is not one of cfn test\'s HandlerErrorCode']],
    // A custom hook's extra status: a CHANGE_SET call's success, no status for another target.
    ['CHANGE_SET_SUCCESS_SKIP_STACK_HOOK for a CHANGE_SET target', { hookStatus: 'CHANGE_SET_SUCCESS_SKIP_STACK_HOOK' }, 'CHANGE_SET', [], []],
    ['CHANGE_SET_SUCCESS_SKIP_STACK_HOOK for a STACK target', { hookStatus: 'CHANGE_SET_SUCCESS_SKIP_STACK_HOOK' }, 'STACK', ['hookStatus CHANGE_SET_SUCCESS_SKIP_STACK_HOOK answers a CHANGE_SET target only (this one is STACK)'], []],
    ['CHANGE_SET_SUCCESS_SKIP_STACK_HOOK, target unknown', { hookStatus: 'CHANGE_SET_SUCCESS_SKIP_STACK_HOOK' }, undefined, ['hookStatus CHANGE_SET_SUCCESS_SKIP_STACK_HOOK answers a CHANGE_SET target only'], []],
    ['an unknown status for a CHANGE_SET target names the extra status', { hookStatus: 'OK' }, 'CHANGE_SET', ['hookStatus must be one of SUCCESS, FAILED, IN_PROGRESS, CHANGE_SET_SUCCESS_SKIP_STACK_HOOK, got "OK"'], []],
  ])('%s', (_name, answer, targetType, unusable, cfnTest) => {
    expect(unusableAnswerProblems(answer, targetType)).toEqual(unusable);
    expect(typeof answer === 'object' && answer !== null ? cfnTestRuleViolations(answer as Record<string, unknown>) : []).toEqual(cfnTest);
    // This project's handler is held to both.
    if (targetType === undefined) expect(progressEventViolations(answer)).toEqual([...unusable, ...cfnTest]);
  });

  it.each<[string, boolean, boolean]>([
    // The Java runtime's HandlerErrorCode (java-plugin @4464c46) has 20 codes; cfn's own list lacks the tagging one.
    ['UnauthorizedTaggingOperation', true, false],
    ['NonCompliant', true, true],
    ['HandlerInternalFailure', true, true],
    ['InvalidTypeConfiguration', true, true],
    ['Unknown', true, true],
    ['NotACode', false, false],
  ])('%s: a hook error code %p, one cfn test knows %p', (code, hook, cfnTest) => {
    expect((HOOK_ERROR_CODES as readonly string[]).includes(code)).toBe(hook);
    expect((CFN_TEST_ERROR_CODES as readonly string[]).includes(code)).toBe(cfnTest);
    expect([HOOK_ERROR_CODES.length, CFN_TEST_ERROR_CODES.length]).toEqual([20, 19]);
  });
});
