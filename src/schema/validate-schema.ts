/**
 * validateHookSchema: the hook schema against both what `cfn submit` enforces and what the docs demand,
 * each finding placed in the user's file and marked with whether the registry would also reject it.
 */
import { type Diagnostic, sortDiagnostics } from '../kernel/diagnostics';
import type { HookSchema } from '../kernel/hook-config';
import type { SourcePosition } from '../kernel/source';
import { hookMetaSchemaValidator } from './ajv-instances';
import { type Finding } from './finding';
import { readJsonDocument } from './located-document';
import { metaSchemaFindings } from './meta-schema-errors';
import { SCHEMA_RULES, type SchemaRuleId } from './rules';
import { runSchemaChecks } from './schema-checks';
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

/** Validates the text of a hook schema file; never throws for bad input. */
export function validateHookSchema(text: string, file: string): SchemaReport {
  const document = readJsonDocument(text, file);
  if (document.kind === 'unreadable') {
    const { error } = document;
    const diagnostic = schemaDiagnostic(file, { rule: 'HS001', path: '', message: error.reason }, { line: error.line, column: error.column });
    return { valid: false, cfnAccepts: false, diagnostics: [diagnostic] };
  }
  const diagnostics: SchemaDiagnostic[] = [];
  if (document.duplicate) {
    const { duplicate } = document;
    diagnostics.push(
      schemaDiagnostic(
        file,
        { rule: 'HS002', path: '', message: `${duplicate.reason}: JSON leaves duplicates undefined and cfn silently keeps the last one; remove one` },
        { line: duplicate.line, column: duplicate.column },
      ),
    );
  }
  const findings = findingsFor(document.value);
  for (const finding of findings) diagnostics.push(schemaDiagnostic(file, finding, document.locate(finding.path)));
  const sorted = sortDiagnostics(diagnostics);
  const valid = !sorted.some((d) => d.severity === 'error');
  const cfnAccepts = !sorted.some((d) => d.cfn);
  const report: SchemaReport = { valid, cfnAccepts, diagnostics: sorted };
  if (cfnAccepts) report.schema = document.value as HookSchema;
  return report;
}

function findingsFor(value: unknown): Finding<SchemaRuleId>[] {
  if (!isJsonObject(value)) {
    return [{ rule: 'HS003', path: '', message: `the document is ${Array.isArray(value) ? 'an array' : typeof value}; a hook schema is a JSON object` }];
  }
  const validate = hookMetaSchemaValidator();
  const findings = validate(value) ? [] : metaSchemaFindings(validate.errors ?? [], value);
  return [...findings, ...runSchemaChecks(value)];
}

function schemaDiagnostic(file: string, finding: Finding<SchemaRuleId>, position: SourcePosition): SchemaDiagnostic {
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
