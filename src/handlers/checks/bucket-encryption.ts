/**
 * Reads an AWS::S3::Bucket's BucketEncryption the way several checks need it: the rule list, each
 * rule's algorithm, bucket key flag and KMS key, with the property path of each for findings.
 */
import type { JsonObject, JsonValue } from '../../kernel/protocol';
import { isJsonObject } from '../cfn-values';

export const RULES_PATH = 'BucketEncryption.ServerSideEncryptionConfiguration';

export interface EncryptionRule {
  /** e.g. BucketEncryption.ServerSideEncryptionConfiguration[0] */
  path: string;
  /** The rule itself when it is an object. */
  rule?: JsonObject;
  raw: JsonValue;
  algorithm?: JsonValue;
  bucketKeyEnabled?: JsonValue;
  kmsMasterKeyId?: JsonValue;
}

/** Either the rule list, or why there is none (absent, or the wrong shape). */
export type BucketRules =
  | { kind: 'rules'; rules: EncryptionRule[] }
  | { kind: 'missing'; path: string; found: JsonValue | undefined; why: string };

/** The bucket's encryption rules, or what is missing on the way to them. */
export function readBucketRules(properties: JsonObject): BucketRules {
  const encryption = properties.BucketEncryption;
  if (encryption === undefined || encryption === null) {
    return { kind: 'missing', path: 'BucketEncryption', found: undefined, why: 'the bucket has no BucketEncryption' };
  }
  if (!isJsonObject(encryption)) {
    return { kind: 'missing', path: 'BucketEncryption', found: encryption, why: 'BucketEncryption is not an object' };
  }
  const list = encryption.ServerSideEncryptionConfiguration;
  if (!Array.isArray(list)) {
    return {
      kind: 'missing',
      path: RULES_PATH,
      found: list,
      why: list === undefined ? 'BucketEncryption has no ServerSideEncryptionConfiguration' : 'ServerSideEncryptionConfiguration is not a list',
    };
  }
  if (list.length === 0) return { kind: 'missing', path: RULES_PATH, found: list, why: 'ServerSideEncryptionConfiguration is empty' };
  return {
    kind: 'rules',
    rules: list.map((raw, index) => {
      const path = `${RULES_PATH}[${index}]`;
      if (!isJsonObject(raw)) return { path, raw };
      const byDefault = raw.ServerSideEncryptionByDefault;
      return {
        path,
        raw,
        rule: raw,
        algorithm: isJsonObject(byDefault) ? byDefault.SSEAlgorithm : undefined,
        kmsMasterKeyId: isJsonObject(byDefault) ? byDefault.KMSMasterKeyID : undefined,
        bucketKeyEnabled: raw.BucketKeyEnabled,
      };
    }),
  };
}

/** Algorithms by strength; an update may not move the strongest one in use down this list. */
export const ALGORITHM_STRENGTH: Readonly<Record<string, number>> = { AES256: 1, 'aws:kms': 2, 'aws:kms:dsse': 3 };

/** The strongest known algorithm among the rules (0 when the bucket has no usable encryption). */
export function strongestAlgorithm(rules: BucketRules): { name?: string; strength: number } {
  if (rules.kind !== 'rules') return { strength: 0 };
  let best: { name?: string; strength: number } = { strength: 0 };
  for (const rule of rules.rules) {
    const strength = typeof rule.algorithm === 'string' ? (ALGORITHM_STRENGTH[rule.algorithm] ?? 0) : 0;
    if (strength > best.strength) best = { name: rule.algorithm as string, strength };
  }
  return best;
}
