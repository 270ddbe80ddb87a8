/** Evaluates one expression inside a small stack (a bucket, a FIFO queue, a KMS key, parameters, a mapping). */
import type { JsonValue } from '../../../../src/kernel/protocol';
import { resolveTemplate } from '../../../../simulator/cloudformation/resolve';
import type { ResolveOptions, ResolvedTemplate } from '../../../../simulator/cloudformation/template/types';
import { sourceOf, stackOptions } from './template-source';

/** A template with fixed neighbours and a `Probe` resource whose `Value` property is `expr`. */
export function probeTemplate(expr: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...extra,
    Parameters: {
      Env: { Type: 'String', Default: 'prod', AllowedValues: ['dev', 'prod'] },
      Names: { Type: 'CommaDelimitedList', Default: 'a,b,c' },
      Count: { Type: 'Number', Default: 3 },
      ...((extra.Parameters as object | undefined) ?? {}),
    },
    Mappings: {
      RegionMap: { 'us-east-1': { Ami: 'ami-111', Zones: ['x', 'y'] }, 'eu-west-1': { Ami: 'ami-222' } },
      ...((extra.Mappings as object | undefined) ?? {}),
    },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      ...((extra.Conditions as object | undefined) ?? {}),
    },
    Resources: {
      Logs: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'my-logs' } },
      Jobs: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
      Key: { Type: 'AWS::KMS::Key' },
      Probe: { Type: 'Custom::Probe', Properties: { Value: expr } },
      ...((extra.Resources as object | undefined) ?? {}),
    },
  };
}

/** Resolves the probe template. */
export function resolveProbe(expr: unknown, extra: Record<string, unknown> = {}, options: Partial<ResolveOptions> = {}): ResolvedTemplate {
  return resolveTemplate(sourceOf(probeTemplate(expr, extra)), stackOptions(options));
}

/** The resolved `Value` of the probe (undefined when AWS::NoValue removed it). */
export function probe(expr: unknown, extra: Record<string, unknown> = {}, options: Partial<ResolveOptions> = {}): JsonValue | undefined {
  const resolved = resolveProbe(expr, extra, options);
  const resource = resolved.resources.find((r) => r.logicalId === 'Probe');
  if (!resource) throw new Error('probe resource missing');
  return resource.properties.Value;
}
