import fc from 'fast-check';
import { buildGuardInput } from '../../../../simulator/cloudformation/guard';
import type { JsonObject } from '../../../../src/kernel/protocol';
import { FUZZ_PARAMETERS, FUZZ_TIMEOUT_MILLIS } from '../../../support/fuzz-runs';

const stack = { stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/0', accountId: '123456789012' };
const properties = fc.jsonValue().filter((v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v));
// Logical ids as a user (or a hostile template) could write them, including prototype names.
const logicalId = fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'));

describe('buildGuardInput (property)', () => {
  it('a RESOURCE document holds the properties as given, typed, under the logical id, and its JSON starts with Resources', () => {
    fc.assert(
      fc.property(logicalId, properties, fc.constantFrom('CREATE_PRE_PROVISION', 'UPDATE_PRE_PROVISION') as fc.Arbitrary<'CREATE_PRE_PROVISION' | 'UPDATE_PRE_PROVISION'>, (id, props, point) => {
        const document = buildGuardInput({ hookTypeName: 'A::B::C' }, { clientRequestToken: 't', stack, invocationPoint: point, targetName: 'AWS::S3::Bucket', logicalId: id, resourceProperties: props });
        const json = JSON.stringify(document);
        const parsed = JSON.parse(json) as { Resources: Record<string, { Type: string; Properties: unknown }> };
        expect(Object.keys(parsed.Resources)).toEqual([id]);
        expect(Object.getOwnPropertyDescriptor(parsed.Resources, id)?.value).toEqual({ Type: 'AWS::S3::Bucket', Properties: JSON.parse(JSON.stringify(props)) });
        expect(json.startsWith(`{"Resources":{${JSON.stringify(id)}:{"Type":"AWS::S3::Bucket","Properties":`)).toBe(true);
      }),
      FUZZ_PARAMETERS,
    );
  }, FUZZ_TIMEOUT_MILLIS);
});
