/**
 * validateHookSchema: the hook schema against both what `cfn submit` enforces and what the docs demand,
 * each finding placed in the user's file and marked with whether the registry would also reject it.
 */
import { type Diagnostic, escapePointerToken, sortDiagnostics } from '../kernel/diagnostics';
import type { HookSchema } from '../kernel/hook-config';
import { firstInvalidUtf8, positionAt, type SourcePosition } from '../kernel/source';
import { hookMetaSchemaValidator } from './ajv-instances';
import type { RuleFinding } from './rule-finding';
import { readJsonDocument } from './located-document';
import { metaSchemaFindings } from './meta-schema-errors';
import { SCHEMA_RULES, type SchemaRuleId } from './rules';
import { checkNestingDepth, runSchemaChecks } from './schema-checks';
import { isJsonObject } from '../kernel/protocol';

export interface SchemaDiagnostic extends Diagnostic {
  /** The rule id (the same as `code`), e.g. `HS103`. */
  rule: string;
  /** Would `cfn submit` also reject it? */
  cfn: boolean;
}

export interface SchemaReport {
  /** No error-severity diagnostic. */
  valid: boolean;
  /** No diagnostic that `cfn submit` would also reject. */
  cfnAccepts: boolean;
  diagnostics: SchemaDiagnostic[];
  /** The schema, when the registry would accept it (cfnAccepts), so that callers can use it. */
  schema?: HookSchema;
}

/** What validateHookSchema may know about where the schema lives. */
export interface SchemaValidationOptions {
  /**
   * The directory of the schema file: cfn resolves a `$ref` to another file (`shared.json#/X`) against it, so with it
   * such a reference is checked (HS118 when the file is missing, not JSON, or lacks the target); without it, HS309.
   */
  readonly baseDirectory?: string;
}

/**
 * Validates a hook schema file; never throws for bad input. Give it the file's bytes when you have them: only
 * bytes can show invalid UTF-8 (HS004), which cfn refuses; text is taken as already decoded.
 */
export function validateHookSchema(content: string | Uint8Array, file: string, options: SchemaValidationOptions = {}): SchemaReport {
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    const invalidAt = firstInvalidUtf8(content);
    if (invalidAt < content.length) {
      const prefix = Buffer.from(content.buffer, content.byteOffset, invalidAt).toString('utf8');
      const byte = (content[invalidAt] ?? 0).toString(16).padStart(2, '0');
      const message = `the file is not valid UTF-8 (byte 0x${byte} at byte offset ${invalidAt}); cfn reads the schema as UTF-8 and stops ('utf-8' codec can't decode byte 0x${byte} in position ${invalidAt}); save it as UTF-8`;
      const diagnostic = schemaDiagnostic(file, { rule: 'HS004', path: '', message }, positionAt(prefix, prefix.length));
      return { valid: false, cfnAccepts: false, diagnostics: [diagnostic] };
    }
    text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  const document = readJsonDocument(text, file);
  if (document.kind === 'unreadable') {
    const { error } = document;
    const diagnostic = schemaDiagnostic(file, { rule: 'HS001', path: '', message: error.reason }, { line: error.line, column: error.column });
    return { valid: false, cfnAccepts: false, diagnostics: [diagnostic] };
  }
  const diagnostics: SchemaDiagnostic[] = [];
  if (bom) {
    // cfn opens the schema with encoding="utf-8" (not "utf-8-sig") and json.load refuses a leading U+FEFF.
    const message = "the file starts with a UTF-8 byte-order mark: cfn reads it with Python's json.load, which refuses it ('Unexpected UTF-8 BOM (decode using utf-8-sig)'); save the file without a BOM";
    diagnostics.push(schemaDiagnostic(file, { rule: 'HS005', path: '', message }, { line: 1, column: 1 }));
  }
  if (document.duplicate) {
    const { duplicate } = document;
    diagnostics.push(
      schemaDiagnostic(
        file,
        { rule: 'HS002', path: duplicate.pointer, message: `${duplicate.reason}: JSON leaves duplicates undefined and cfn silently keeps the last one; remove one` },
        { line: duplicate.line, column: duplicate.column },
      ),
    );
  }
  if (document.pythonNumber) {
    const { literal, position } = document.pythonNumber;
    const message = `${literal} is not JSON: cfn reads the schema with Python's json.load, which takes it as a number, so cfn accepts the file; JSON.parse and most other JSON readers refuse it; write a number (or leave the keyword out)`;
    diagnostics.push(schemaDiagnostic(file, { rule: 'HS312', path: '', message }, position));
  }
  const findings = findingsFor(document.value, options);
  for (const finding of findings) diagnostics.push(schemaDiagnostic(file, finding, document.locate(finding.path)));
  const sorted = sortDiagnostics(diagnostics);
  const valid = !sorted.some((d) => d.severity === 'error');
  const cfnAccepts = !sorted.some((d) => d.cfn);
  const report: SchemaReport = { valid, cfnAccepts, diagnostics: sorted };
  if (cfnAccepts) report.schema = document.value as HookSchema;
  return report;
}

function findingsFor(value: unknown, options: SchemaValidationOptions): RuleFinding<SchemaRuleId>[] {
  if (!isJsonObject(value)) {
    return [{ rule: 'HS003', path: '', message: `the document is ${Array.isArray(value) ? 'an array' : typeof value}; a hook schema is a JSON object` }];
  }
  try {
    const validate = hookMetaSchemaValidator();
    const findings = validate(value) ? [] : metaSchemaFindings(validate.errors ?? [], value);
    return [...findings, ...runSchemaChecks(value, { baseDirectory: options.baseDirectory })];
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return tooDeepToCheck(value);
  }
}

/**
 * [choice] The validator's own recursion (ajv's compiled meta-schema validator) overflowed: a refusal at the deepest
 * point, never a stack trace. The document's 1,000-level cap cannot prevent it, because the frames per level depend
 * on the keyword (nested `items` overflowed at ~566 levels); a lower cap would refuse documents cfn reads. cfn's
 * Python overflows far earlier on every shape (src/schema/nesting-depth.ts: `items` at 162), so cfn refuses it too.
 */
function tooDeepToCheck(document: Record<string, unknown>): RuleFinding<SchemaRuleId>[] {
  const refused = checkNestingDepth(document).filter((finding) => finding.rule === 'HS120');
  if (refused.length > 0) return refused;
  const pointer = deepestPointer(document);
  return [
    {
      rule: 'HS120',
      path: pointer,
      message: `${pointer === '' ? 'the document' : pointer}: nests too deep for the validator's own checks, and deeper than cfn's Python validator can follow: cfn submit stops with RecursionError; flatten it`,
    },
  ];
}

/** The JSON pointer of the most deeply nested value (iterative, so that it cannot overflow itself). */
function deepestPointer(root: unknown): string {
  let deepest = { pointer: '', depth: 0 };
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [{ value: root, pointer: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop() as { value: unknown; pointer: string; depth: number };
    if (depth > deepest.depth) deepest = { pointer, depth };
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, pointer: `${pointer}/${i}`, depth: depth + 1 }));
    else if (isJsonObject(value)) for (const [key, item] of Object.entries(value)) stack.push({ value: item, pointer: `${pointer}/${escapePointerToken(key)}`, depth: depth + 1 });
  }
  return deepest.pointer;
}

function schemaDiagnostic(file: string, finding: RuleFinding<SchemaRuleId>, position: SourcePosition): SchemaDiagnostic {
  const rule = SCHEMA_RULES[finding.rule];
  return {
    code: rule.id,
    rule: rule.id,
    severity: rule.severity,
    message: finding.message,
    file,
    path: finding.path,
    line: position.line,
    column: position.column,
    cfn: rule.cfn,
  };
}
