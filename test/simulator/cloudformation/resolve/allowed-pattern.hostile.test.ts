/**
 * An AllowedPattern is a template's own regular expression, run on every parameter value. JavaScript's RegExp is a
 * backtracking engine: on a value it does not match, `(a+)+b` takes time exponential in the value's length (34
 * characters kept the simulator busy for more than 20 s; 40, for hours). A check must always end: a risky pattern is
 * run by RE2 first, in linear time; one RE2 cannot run either is not checked, with a warning. Each row would not
 * end (the test would time out) without that.
 */
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { TemplateError } from '../../../../simulator/cloudformation/template/types';
import { sourceOf, stackOptions } from './template-source';

/** The codes a template with one parameter P (its declaration and value given) resolves to: errors, else warnings. */
function codesFor(declaration: Record<string, unknown>, value: string): string[] {
  const template = { Parameters: { P: { Type: 'String', ...declaration } }, Resources: { Probe: { Type: 'Custom::Probe', Properties: { P: { Ref: 'P' } } } } };
  try {
    return resolveTemplate(sourceOf(template), stackOptions({ parameters: { P: value } })).warnings.map((w) => `warning ${w.code}`);
  } catch (error) {
    if (error instanceof TemplateError) return error.diagnostics.map((d) => d.code);
    throw error;
  }
}

const a40 = 'a'.repeat(40);

describe('an AllowedPattern check always ends', () => {
  it.each<[string, string, string, string[]]>([
    ['a repetition inside a repetition, a near miss', '(a+)+b', `${a40}c`, ['RES_PARAMETER_CONSTRAINT']],
    ['a repetition inside a repetition, a match', '(a+)+b', `${a40}b`, []],
    ['an alternation inside a repetition, a near miss', '(a|aa)*c', `${a40}b`, ['RES_PARAMETER_CONSTRAINT']],
    ['[choice] a possessive inside a repetition: atomic, but unseen in the translation, so not checked', '(a++)+b', `${a40}c`, ['warning RES_PARAMETER_PATTERN_UNCHECKED']],
    ['a lookahead before a nested repetition', '(?=a)(a+)+b', `${a40}c`, ['warning RES_PARAMETER_PATTERN_UNCHECKED']],
    ['repetitions that trade characters, on a long value', '[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*x', 'a'.repeat(3000), ['RES_PARAMETER_CONSTRAINT']],
    ['a pattern without risk keeps the RegExp alone (a lookahead, as before)', '(?=.*\\d)[a-z0-9]{8,}', 'abcdefg1', []],
    ['a pattern without risk, refused as before', '[a-z]+', 'abc1', ['RES_PARAMETER_CONSTRAINT']],
  ])('%s: %s', (_name, pattern, value, expected) => {
    expect(codesFor({ AllowedPattern: pattern }, value)).toEqual(expected);
  });
});
