/**
 * The hook's type configuration (`hookModel` on the wire): what the account administrator set with
 * SetTypeConfiguration. The service sends every value as a string ("minBuckets": "1"); numbers are
 * accepted too, because the simulator and hand-written test events often use them.
 */
import { TypeConfigurationError } from './errors';
import { isJsonObject } from './cfn-values';

export const ENCRYPTION_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'] as const;
export type EncryptionAlgorithm = (typeof ENCRYPTION_ALGORITHMS)[number];

export interface TypeConfiguration {
  encryptionAlgorithm: EncryptionAlgorithm;
  minBuckets: number;
  minQueues: number;
}

/** The schema's defaults, used for every property the configuration leaves out. */
export const DEFAULT_TYPE_CONFIGURATION: Readonly<TypeConfiguration> = Object.freeze({
  encryptionAlgorithm: 'AES256',
  minBuckets: 0,
  minQueues: 0,
});

/** Properties of `hookModel` this hook does not know (ignored; the schema's additionalProperties: false should prevent them). */
export function unknownTypeConfigurationProperties(hookModel: unknown): string[] {
  const known = new Set<string>(Object.keys(DEFAULT_TYPE_CONFIGURATION));
  return isJsonObject(hookModel) ? Object.keys(hookModel).filter((key) => !known.has(key)).sort() : [];
}

/** Parses `hookModel` (absent or null means all defaults); throws TypeConfigurationError naming the property. */
export function parseTypeConfiguration(hookModel: unknown): TypeConfiguration {
  if (hookModel === undefined || hookModel === null) return { ...DEFAULT_TYPE_CONFIGURATION };
  if (!isJsonObject(hookModel)) {
    throw new TypeConfigurationError('', `the type configuration (hookModel) must be an object, got ${kindOf(hookModel)}`);
  }
  return {
    encryptionAlgorithm: parseAlgorithm(hookModel.encryptionAlgorithm),
    minBuckets: parseMinimum('minBuckets', hookModel.minBuckets),
    minQueues: parseMinimum('minQueues', hookModel.minQueues),
  };
}

function parseAlgorithm(value: unknown): EncryptionAlgorithm {
  if (value === undefined || value === null) return DEFAULT_TYPE_CONFIGURATION.encryptionAlgorithm;
  if (typeof value === 'string' && (ENCRYPTION_ALGORITHMS as readonly string[]).includes(value)) return value as EncryptionAlgorithm;
  throw new TypeConfigurationError(
    'encryptionAlgorithm',
    `type configuration property encryptionAlgorithm is ${shown(value)}; expected one of ${ENCRYPTION_ALGORITHMS.map((a) => `"${a}"`).join(', ')}`,
  );
}

function parseMinimum(property: 'minBuckets' | 'minQueues', value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_TYPE_CONFIGURATION[property];
  const parsed =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : Number.NaN;
  if (Number.isSafeInteger(parsed) && parsed >= 0) return parsed;
  throw new TypeConfigurationError(
    property,
    `type configuration property ${property} is ${shown(value)}; expected a whole number of 0 or more, as a string (e.g. "2")`,
  );
}

/**
 * A configuration value as a message quotes it: a scalar as written (a long string cut), a list or an object by its
 * kind. Never the whole of a structure: JSON.stringify of a 20,000-deep one overflows the stack.
 */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;
}

/** The longest configuration string a message quotes whole. */
const MAX_SHOWN = 200;

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'a list' : typeof value === 'string' ? `the string ${JSON.stringify(value)}` : typeof value;
}
