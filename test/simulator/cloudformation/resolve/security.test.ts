import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import { readTemplate } from '../../../../simulator/cloudformation/template';
import { TemplateError } from '../../../../simulator/cloudformation/template/types';
import { sourceFromJson, stackOptions } from './template-source';
import { mappingPrototypes } from '../../../support/prototypes';

function codes(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof TemplateError) return error.diagnostics.map((d) => d.code);
    throw error;
  }
  return [];
}

describe('hostile templates', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'])('a %s key is plain data in properties, mappings and parameters', (key) => {
    const text = `{
      "Mappings": {"M": {"${key}": {"${key}": "mapped"}}},
      "Resources": {"B": {"Type": "Custom::X", "Properties": {"${key}": {"${key}": {"Fn::FindInMap": ["M", "${key}", "${key}"]}}, "Other": {"Ref": "AWS::Region"}}}}
    }`;
    const resolved = resolveTemplate(sourceFromJson(text), stackOptions());
    const properties = resolved.resources[0]?.properties as Record<string, unknown>;
    expect(Object.keys(properties)).toEqual([key, 'Other']);
    expect(Object.getOwnPropertyDescriptor(properties, key)?.value).toEqual(expect.objectContaining({}));
    expect(JSON.stringify(properties)).toBe(`{"${key}":{"${key}":"mapped"},"Other":"us-east-1"}`);
    expect(({} as Record<string, unknown>).mapped).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'mapped')).toBe(false);
  });

  it('every mapping of resolved properties, at any depth, has no prototype (evaluated, mapped and copied values)', () => {
    const text = `{
      "Mappings": {"M": {"k": {"v": [{"Deep": {"x": "y"}}]}}},
      "Resources": {"B": {"Type": "Custom::X", "Properties": {"A": {"Fn::FindInMap": ["M", "k", "v"]}, "L": [{"S": {"Fn::Sub": "a"}}], "P": {"Q": {"Ref": "AWS::Region"}}}}}
    }`;
    const prototypes = mappingPrototypes(resolveTemplate(readTemplate('template.json', text), stackOptions()).resources[0]?.properties);
    expect(prototypes.length).toBeGreaterThan(4);
    expect(prototypes.every((p) => p === null)).toBe(true);
  });

  it.each(['__proto__', 'constructor'])('a parameter or condition named %s is not inherited', (name) => {
    expect(codes(() => resolveTemplate(sourceFromJson(`{"Resources": {"B": {"Type": "Custom::X", "Properties": {"V": {"Ref": "${name}"}}}}}`), stackOptions()))).toEqual([
      'RES_UNRESOLVED_REFERENCE',
    ]);
    expect(
      codes(() => resolveTemplate(sourceFromJson(`{"Resources": {"B": {"Type": "Custom::X", "Properties": {"V": {"Fn::If": ["${name}", 1, 2]}}}}}`), stackOptions())),
    ).toEqual(['RES_UNKNOWN_CONDITION']);
    expect(codes(() => resolveTemplate(sourceFromJson('{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}'), stackOptions({ parameters: JSON.parse(`{"${name}": "x"}`) })))).toEqual([
      'RES_UNKNOWN_PARAMETER',
    ]);
  });

  it('deep nesting is refused with a located error, not a stack overflow', () => {
    let expr = '"x"';
    for (let i = 0; i < 400; i++) expr = `{"Fn::Base64": ${expr}}`;
    expect(codes(() => resolveTemplate(sourceFromJson(`{"Resources": {"B": {"Type": "Custom::X", "Properties": {"V": ${expr}}}}}`), stackOptions()))).toEqual(['RES_TOO_DEEP']);
  });

  it('deeply nested condition chains are refused', () => {
    let expr = '{"Fn::Equals": [1, 1]}';
    for (let i = 0; i < 400; i++) expr = `{"Fn::Not": [${expr}]}`;
    expect(codes(() => resolveTemplate(sourceFromJson(`{"Conditions": {"C": ${expr}}, "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`), stackOptions()))).toEqual([
      'RES_TOO_DEEP',
    ]);
  });

  it('a shared-reference (alias) explosion hits the node budget instead of running for ever', () => {
    // Built in memory like a YAML alias bomb: each level holds the previous level ten times, by reference.
    let level: unknown = ['lol'];
    for (let i = 0; i < 9; i++) level = Array.from({ length: 10 }, () => level);
    const source = { file: 'bomb.yaml', format: 'yaml' as const, body: { Resources: { B: { Type: 'Custom::X', Properties: { V: level } } } } as never, locate: () => ({ line: 0, column: 0 }) };
    expect(codes(() => resolveTemplate(source, stackOptions()))).toEqual(['RES_TOO_LARGE']);
  });

  it('a string-doubling Fn::Join chain is stopped before it exhausts memory', () => {
    let level: unknown = 'x'.repeat(1000);
    for (let i = 0; i < 20; i++) level = { 'Fn::Join': ['', [level, level]] };
    const source = { file: 'bomb.yaml', format: 'yaml' as const, body: { Resources: { B: { Type: 'Custom::X', Properties: { V: level } } } } as never, locate: () => ({ line: 0, column: 0 }) };
    expect(codes(() => resolveTemplate(source, stackOptions()))).toEqual(['RES_TOO_LARGE']);
  });

  it('a YAML alias bomb read by the template reader is refused by one of the two layers', () => {
    const lines = ['Resources:', '  B:', '    Type: Custom::X', '    Properties:', '      a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`      a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    let refused = false;
    try {
      resolveTemplate(readTemplate('bomb.yaml', lines.join('\n')), stackOptions());
    } catch (error) {
      refused = error instanceof TemplateError;
    }
    expect(refused).toBe(true);
  });
});
