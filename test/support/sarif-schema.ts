/**
 * The SARIF 2.1.0 schema compiled once: every SARIF log a test produces is checked against it. The schema comes
 * from Microsoft's own SARIF tooling as published on the npm registry (`@microsoft/sarif-multitool-linux`, an
 * optional dependency: the package is Linux-only), so nothing is vendored and the copy stays the one the SARIF SDK
 * validates with. It is written in JSON Schema 2020-12, hence ajv's 2020 build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** Where the schema file is, once `npm ci` has installed the optional dependency. */
export function sarifSchemaFile(): string {
  const file = join(dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'sarif-2.1.0.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: the SARIF tests need @microsoft/sarif-multitool-linux (npm ci on Linux installs it)`);
  return file;
}

let validate: ((value: unknown) => boolean) & { errors?: unknown } | undefined;

/** The schema's complaints about a SARIF document (parsed or as text); empty when it is valid. */
export function sarifSchemaErrors(document: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(sarifSchemaFile(), 'utf8')) as object);
  }
  const value = typeof document === 'string' ? (JSON.parse(document) as unknown) : document;
  if (validate(value)) return [];
  return ((validate.errors ?? []) as Array<{ instancePath: string; message?: string }>).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
