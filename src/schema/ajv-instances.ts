/**
 * The two ajv instances, created and compiled on first use only: the simulator imports this module and must
 * not pay for compiling validators at start-up.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { linearRegExp } from './linear-regexp';
import { HOOK_META_SCHEMA } from './meta-schema';
import type { HookSchema } from '../kernel/hook-config';

let metaSchemaValidator: ValidateFunction | undefined;
let userSchemaAjv: Ajv | undefined;

/** The compiled hook meta-schema (compiled once per process). */
export function hookMetaSchemaValidator(): ValidateFunction {
  // Formats are not enforced, as in cfn (jsonschema's Draft7Validator without a format checker). `verbose` gives
  // each error its parentSchema, which is how errors are told apart: inside a $ref, ajv's schemaPath restarts at '#'.
  metaSchemaValidator ??= new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true }).compile(HOOK_META_SCHEMA);
  return metaSchemaValidator;
}

/** An ajv for schemas users wrote: lenient about what it compiles, since their shape was checked by the meta-schema. */
function userAjv(): Ajv {
  userSchemaAjv ??= new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
    validateSchema: false,
    // Python's re (what cfn and most hook authors test with) accepts escapes the `u` flag refuses, e.g. `\_`.
    unicodeRegExp: false,
    addUsedSchema: false,
    // A $ref is compiled as a call, never inlined: inlining copies the referenced schema into every place that
    // uses it, so nested single-item allOf/anyOf behind a $ref took time doubling per level (30 levels: minutes).
    inlineRefs: false,
    // Users' patterns are evaluated in linear time (RE2): no pattern/value pair can hang a run.
    code: { regExp: linearRegExp },
  });
  return userSchemaAjv;
}

/** A schema could not be compiled (an invalid pattern, an unresolvable $ref…); carries the reason. */
export class SchemaCompileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SchemaCompileError';
  }
}

const typeConfigurationValidators = new WeakMap<object, ValidateFunction>();

/** The JSON schema a configuration's `Properties` must satisfy: typeConfiguration with the document's definitions. */
export function typeConfigurationAsSchema(schema: HookSchema): Record<string, unknown> {
  const tc = schema.typeConfiguration ?? {};
  const wrapper: Record<string, unknown> = {
    type: 'object',
    properties: tc.properties ?? {},
    additionalProperties: false,
  };
  for (const key of ['required', 'allOf', 'anyOf', 'oneOf'] as const) if (tc[key] !== undefined) wrapper[key] = tc[key];
  // `$ref: "#/definitions/X"` in a property resolves against the hook schema's root, so the wrapper carries them.
  if (schema.definitions !== undefined) wrapper.definitions = schema.definitions;
  return wrapper;
}

/** Compiles (once per schema object) the validator for a configuration's `Properties`; throws SchemaCompileError. */
export function typeConfigurationValidator(schema: HookSchema): ValidateFunction {
  const cached = typeConfigurationValidators.get(schema);
  if (cached) return cached;
  const validator = compileUserSchema(typeConfigurationAsSchema(schema));
  typeConfigurationValidators.set(schema, validator);
  return validator;
}

/** Compiled user schemas by their JSON text: a long-running caller (the simulator) validating the same schema again pays nothing. */
const compiledByText = new Map<string, ValidateFunction>();
const COMPILED_LIMIT = 500;

/** Compiles any schema a user wrote (cached by content); throws SchemaCompileError with ajv's reason. */
export function compileUserSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = compiledByText.get(key);
  if (cached) return cached;
  if (compiledByText.size >= COMPILED_LIMIT) {
    // ajv keeps every schema it compiled; starting a fresh instance is the only way to let them go.
    compiledByText.clear();
    userSchemaAjv = undefined;
  }
  let validate: ValidateFunction;
  try {
    validate = userAjv().compile(schema);
  } catch (error) {
    throw new SchemaCompileError(error instanceof Error ? error.message : String(error));
  }
  compiledByText.set(key, validate);
  return validate;
}
