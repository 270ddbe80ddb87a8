/**
 * What the pseudo parameters (`AWS::Region`, `AWS::Partition`, …) evaluate to for one stack, and the
 * deterministic "random" parts of generated names: CloudFormation appends random suffixes, but a simulator
 * must give the same value for the same stack and logical id so that update comparisons are stable.
 */
import * as crypto from 'node:crypto';
import type { ResolveOptions } from '../template/types';
import { partitionOf, stackArn, urlSuffixOf } from '../../../src/kernel/aws';

/** The stack a template is resolved for, with the derived partition, URL suffix and stack id. */
export interface StackEnvironment {
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly urlSuffix: string;
  readonly stackId: string;
}

/** The stack environment for a set of resolve options. */
export function stackEnvironment(options: ResolveOptions): StackEnvironment {
  const partition = partitionOf(options.region);
  const stackId =
    options.stackId ??
    stackArn(options.region, options.accountId, options.stackName, deterministicUuid(`stack\0${options.accountId}\0${options.region}\0${options.stackName}`));
  return { stackName: options.stackName, region: options.region, accountId: options.accountId, partition, urlSuffix: urlSuffixOf(partition), stackId };
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The characters a generated suffix uses (buckets lowercase, queues uppercase, functions mixed). */
export type SuffixAlphabet = 'lower' | 'upper' | 'mixed';

/**
 * SHA-256 of `seed`, the one digest behind every deterministic made-up value here. One-shot `crypto.hash` where
 * there is one: a `Hash` object per value, built on the stream classes, cost 0.3% of a 500-resource create's
 * instructions. Its types say it is always there; Node.js before 20.12 does not have it.
 */
function digest(seed: string): Buffer;
function digest(seed: string, encoding: 'hex'): string;
function digest(seed: string, encoding?: 'hex'): Buffer | string {
  if (typeof crypto.hash === 'function') return encoding ? crypto.hash('sha256', seed, encoding) : crypto.hash('sha256', seed, 'buffer');
  const hash = crypto.createHash('sha256').update(seed);
  return encoding ? hash.digest(encoding) : hash.digest();
}

/** `length` lowercase hex digits (at most 64) derived from `seed` (EC2 ids are 17 of them). */
export function deterministicHex(seed: string, length: number): string {
  return digest(seed, 'hex').slice(0, length);
}

/** A deterministic string of `length` characters from an alphabet, derived from `seed`. */
export function deterministicSuffix(seed: string, length: number, alphabet: SuffixAlphabet): string {
  const chars = alphabet === 'lower' ? LOWER_ALNUM : alphabet === 'upper' ? UPPER_ALNUM : MIXED_ALNUM;
  const bytes = digest(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += chars[(bytes[i % bytes.length] as number) % chars.length];
  return out;
}

/** A deterministic UUID-shaped string (version 4 layout) derived from `seed`. */
export function deterministicUuid(seed: string): string {
  const hex = digest(seed, 'hex');
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A generated physical name `<stack>-<logicalId>-<suffix>`, the prefix cut so the whole fits `maxLength`
 * (CloudFormation truncates the stack and logical-id parts, never the random part).
 */
export function generatedName(
  env: StackEnvironment,
  logicalId: string,
  options: { maxLength: number; alphabet: SuffixAlphabet; lowercase?: boolean; reserve?: number },
): string {
  const suffix = deterministicSuffix(`${env.stackName}\0${logicalId}`, 12, options.alphabet);
  let prefix = `${env.stackName}-${logicalId}`;
  if (options.lowercase) prefix = prefix.toLowerCase();
  const room = options.maxLength - (options.reserve ?? 0) - suffix.length - 1;
  return `${prefix.slice(0, Math.max(room, 1))}-${suffix}`;
}
