/**
 * The SARIF 2.1.0 schema (OASIS errata01, test/fixtures/sarif) compiled once: every SARIF log a test produces is
 * checked against it. Draft-04, hence `ajv-draft-04`; `strict: false` because the schema uses keywords draft-04
 * allows that ajv's strict mode rejects (a `required` naming a property defined elsewhere).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** Where the vendored schema lives. */
export const SARIF_SCHEMA_FILE = join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

let validate: ((value: unknown) => boolean) & { errors?: unknown } | undefined;

/** The schema's complaints about a SARIF document (parsed or as text); empty when it is valid. */
export function sarifSchemaErrors(document: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as object);
  }
  const value = typeof document === 'string' ? (JSON.parse(document) as unknown) : document;
  if (validate(value)) return [];
  return ((validate.errors ?? []) as Array<{ instancePath: string; message?: string }>).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
