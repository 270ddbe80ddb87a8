import { INTRINSICS, recognizeCall } from '../../../../simulator/cloudformation/template';
import { RULE_EXPRESSIONS } from '../../../../simulator/cloudformation/template/intrinsics';

describe('recognizeCall: one recogniser, two function sets', () => {
  it.each<[string, unknown, ReturnType<typeof recognizeCall> | undefined, ReturnType<typeof recognizeCall> | undefined]>([
    // [case, value, against INTRINSICS, against RULE_EXPRESSIONS]
    ['Ref is known to both', { Ref: 'A' }, { known: true, name: 'Ref', argument: 'A' }, { known: true, name: 'Ref', argument: 'A' }],
    ['Fn::If only outside Rules', { 'Fn::If': [] }, { known: true, name: 'Fn::If', argument: [] }, { known: false, name: 'Fn::If', argument: [] }],
    ['Condition only outside Rules', { Condition: 'C' }, { known: true, name: 'Condition', argument: 'C' }, { known: false, name: 'Condition', argument: 'C' }],
    ['Fn::ValueOf only in Rules', { 'Fn::ValueOf': ['P', 'A'] }, { known: false, name: 'Fn::ValueOf', argument: ['P', 'A'] }, { known: true, name: 'Fn::ValueOf', argument: ['P', 'A'] }],
    ['an unknown Fn:: is a typed error for both', { 'Fn::Bogus': 1 }, { known: false, name: 'Fn::Bogus', argument: 1 }, { known: false, name: 'Fn::Bogus', argument: 1 }],
    ['a ForEach loop is not a call outside Rules, an unsupported one in Rules', { 'Fn::ForEach::X': [] }, undefined, { known: false, name: 'Fn::ForEach::X', argument: [] }],
    ['two keys are no call', { Ref: 'A', Other: 1 }, undefined, undefined],
    ['a plain key is no call', { Name: 'A' }, undefined, undefined],
    ['an array is no call', [{ Ref: 'A' }], undefined, undefined],
    ['null is no call', null, undefined, undefined],
    ['a string is no call', 'Ref', undefined, undefined],
  ])('%s', (_case, value, intrinsic, rule) => {
    expect(recognizeCall(value, INTRINSICS)).toEqual(intrinsic);
    expect(recognizeCall(value, RULE_EXPRESSIONS)).toEqual(rule);
  });
});
