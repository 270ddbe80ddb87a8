/**
 * The `--account <file>` document: buckets and queues that already exist in the simulated account.
 *
 * ```json
 * { "buckets": [ { "name": "audit-logs", "region": "us-east-1",
 *                  "encryption": [ { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/logs", "BucketKeyEnabled": true } ] } ],
 *   "queues":  [ { "name": "jobs", "region": "us-east-1", "KmsMasterKeyId": "alias/jobs" } ],
 *   "faults":  { "ListBuckets": "AccessDenied" } }
 * ```
 * `region` defaults to the stack's region; a bucket without `encryption` has no default encryption configuration.
 */
import { InputError, toPointer, type Diagnostic } from '../../../src/kernel/diagnostics';
import { parseJson, readBoundedText, SourceSyntaxError, type ParsedDocument } from '../../../src/kernel/source';
import { SimulatedAccount, type AccountOperation, type BucketEncryptionRule, type SimulatedFault } from './simulated-account';
import { isJsonObject } from '../../../src/kernel/protocol';

/** An account file that cannot be used; every diagnostic is located in the file. */
export class AccountFileError extends InputError {}

const OPERATIONS: readonly AccountOperation[] = ['ListBuckets', 'GetBucketEncryption', 'ListQueues', 'GetQueueAttributes'];
const FAULTS: readonly SimulatedFault[] = ['AccessDenied', 'Throttling', 'InternalError'];
const ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** Reads an account file (with the kernel's bound) into a SimulatedAccount; throws AccountFileError or FileReadError. */
export function readAccountFile(path: string, accountId: string, defaultRegion: string): SimulatedAccount {
  return parseAccount(readBoundedText(path, { what: 'the account file' }), path, accountId, defaultRegion);
}

/** Parses account-file text; throws AccountFileError with every problem found. */
export function parseAccount(text: string, file: string, accountId: string, defaultRegion: string): SimulatedAccount {
  let document: ParsedDocument;
  try {
    document = parseJson(text, file);
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error;
    throw new AccountFileError([diagnostic(file, '', error, error.reason)]);
  }
  const problems: Diagnostic[] = [];
  const fault = (segments: ReadonlyArray<string | number>, message: string): void => {
    const pointer = toPointer(segments);
    problems.push(diagnostic(file, pointer, document.locate(pointer), message));
  };
  const account = new SimulatedAccount(accountId, defaultRegion);
  const root = document.value;
  if (!isJsonObject(root)) {
    fault([], 'the account file must be a JSON object with "buckets" and/or "queues"');
    throw new AccountFileError(problems);
  }
  for (const key of Object.keys(root)) {
    if (!['buckets', 'queues', 'faults'].includes(key)) fault([key], `unknown key "${key}"; expected "buckets", "queues" or "faults"`);
  }
  listOf(root.buckets, ['buckets'], fault).forEach((entry, i) => {
    const at = ['buckets', i];
    if (!isJsonObject(entry)) return fault(at, 'a bucket must be an object with "name", optional "region" and "encryption"');
    unknownKeys(entry, ['name', 'region', 'encryption'], at, fault);
    const name = requiredString(entry.name, [...at, 'name'], fault);
    const region = optionalString(entry.region, [...at, 'region'], fault) ?? defaultRegion;
    const rules: BucketEncryptionRule[] = [];
    listOf(entry.encryption, [...at, 'encryption'], fault).forEach((rule, r) => {
      const ruleAt = [...at, 'encryption', r];
      if (!isJsonObject(rule)) return fault(ruleAt, 'an encryption rule must be an object with "SSEAlgorithm"');
      unknownKeys(rule, ['SSEAlgorithm', 'KMSMasterKeyID', 'BucketKeyEnabled'], ruleAt, fault);
      const algorithm = requiredString(rule.SSEAlgorithm, [...ruleAt, 'SSEAlgorithm'], fault);
      if (algorithm !== undefined && !ALGORITHMS.includes(algorithm)) {
        fault([...ruleAt, 'SSEAlgorithm'], `SSEAlgorithm must be one of ${ALGORITHMS.join(', ')}, got "${algorithm}"`);
      }
      const key = optionalString(rule.KMSMasterKeyID, [...ruleAt, 'KMSMasterKeyID'], fault);
      if (rule.BucketKeyEnabled !== undefined && typeof rule.BucketKeyEnabled !== 'boolean') {
        fault([...ruleAt, 'BucketKeyEnabled'], 'BucketKeyEnabled must be true or false');
      }
      if (algorithm !== undefined) {
        rules.push({ SSEAlgorithm: algorithm, ...(key ? { KMSMasterKeyID: key } : {}), ...(rule.BucketKeyEnabled === true ? { BucketKeyEnabled: true } : {}) });
      }
    });
    if (name !== undefined) account.addBucket({ name, region, ...(rules.length > 0 ? { encryption: rules } : {}) });
  });
  listOf(root.queues, ['queues'], fault).forEach((entry, i) => {
    const at = ['queues', i];
    if (!isJsonObject(entry)) return fault(at, 'a queue must be an object with "name", optional "region" and "KmsMasterKeyId"');
    unknownKeys(entry, ['name', 'region', 'KmsMasterKeyId'], at, fault);
    const name = requiredString(entry.name, [...at, 'name'], fault);
    const region = optionalString(entry.region, [...at, 'region'], fault) ?? defaultRegion;
    const key = optionalString(entry.KmsMasterKeyId, [...at, 'KmsMasterKeyId'], fault);
    if (name !== undefined) account.addQueue({ name, region, ...(key ? { KmsMasterKeyId: key } : {}) });
  });
  if (root.faults !== undefined) {
    if (!isJsonObject(root.faults)) fault(['faults'], 'faults must be an object mapping an operation to an error');
    else {
      for (const [operation, error] of Object.entries(root.faults)) {
        if (!(OPERATIONS as readonly string[]).includes(operation)) {
          fault(['faults', operation], `unknown operation "${operation}"; expected one of ${OPERATIONS.join(', ')}`);
        } else if (typeof error !== 'string' || !(FAULTS as readonly string[]).includes(error)) {
          fault(['faults', operation], `the fault must be one of ${FAULTS.join(', ')}`);
        } else {
          account.faults.set(operation as AccountOperation, error as SimulatedFault);
        }
      }
    }
  }
  if (problems.length > 0) throw new AccountFileError(problems);
  return account;
}

type Fault = (segments: ReadonlyArray<string | number>, message: string) => void;


function listOf(value: unknown, at: ReadonlyArray<string | number>, fault: Fault): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  fault(at, `${String(at[at.length - 1])} must be a list`);
  return [];
}

function unknownKeys(entry: Record<string, unknown>, allowed: readonly string[], at: ReadonlyArray<string | number>, fault: Fault): void {
  for (const key of Object.keys(entry)) if (!allowed.includes(key)) fault([...at, key], `unknown key "${key}"; expected ${allowed.map((k) => `"${k}"`).join(', ')}`);
}

function requiredString(value: unknown, at: ReadonlyArray<string | number>, fault: Fault): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  fault(at, `${String(at[at.length - 1])} must be a non-empty string`);
  return undefined;
}

function optionalString(value: unknown, at: ReadonlyArray<string | number>, fault: Fault): string | undefined {
  return value === undefined ? undefined : requiredString(value, at, fault);
}

function diagnostic(file: string, path: string, position: { line: number; column: number }, message: string): Diagnostic {
  return { code: 'SIM_ACCOUNT_FILE', severity: 'error', message, file, path, line: position.line, column: position.column };
}
