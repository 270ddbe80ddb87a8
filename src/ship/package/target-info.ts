/**
 * What the package says about each target type (`target-info.json` and `target-schemas/<name>.json`).
 * `cfn submit` takes a target's schema from the project's `target-schemas/` folder when one is there and asks
 * the registry (DescribeType) otherwise. [choice] Packaging here never calls AWS unless asked: the schemas come
 * from the project's checked-in `target-schemas/`, and `--fetch-target-schemas` takes them from DescribeType instead.
 */
import { posix } from 'node:path';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { matchesWildcard } from '../../kernel/hook-config';
import { explainAwsError } from '../../kernel/aws';
import { closestName } from '../../kernel/diagnostics';
import { SPECIAL_TARGETS } from '../../kernel/resource-catalog';
import { ProjectError } from '../errors';
import { parseProjectDocument, type ProjectFile } from '../project/hook-project';

/** One entry of target-info.json, with cfn's field names and order. */
export interface TargetInfo {
  TypeName: string;
  TargetName: string;
  TargetType: 'RESOURCE';
  [field: string]: unknown;
  Schema: Record<string, unknown>;
  IsCfnRegistrySupportedType: boolean;
  SchemaFileAvailable: boolean;
}

/** `AWS::S3::Bucket` → `aws-s3-bucket.json`, cfn's file name for a target schema. */
export function targetSchemaFileName(targetName: string): string {
  return `${targetName
    .split('::')
    .map((s) => s.toLowerCase())
    .join('-')}.json`;
}

/**
 * The target names that are resource types, the ones a target schema describes. `STACK` and `CHANGE_SET` name a
 * stack- or change-set-level hook: cfn leaves them out before it looks for target schemas (project.py
 * HOOK_SPECIAL_TARGET_NAMES, filtered in _load_target_info), so target-info.json and target-schemas/ never list them.
 */
export function resourceTargetNames(targetNames: readonly string[]): string[] {
  return targetNames.filter((name) => !(SPECIAL_TARGETS as readonly string[]).includes(name));
}

/** One project target schema, with where its typeName is written (for a message about it). */
interface LocalSchema {
  readonly file: ProjectFile;
  readonly schema: Record<string, unknown>;
  readonly typeNameAt: { readonly line: number; readonly column: number };
}

/** Builds the target info from the project's own schema files; a target without one is a ProjectError saying how to add it. */
export function localTargetInfo(targetNames: readonly string[], files: readonly ProjectFile[]): Record<string, TargetInfo> {
  const byTypeName = new Map<string, LocalSchema>();
  for (const file of files) {
    const document = parseProjectDocument(file);
    const value = document.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { typeName?: unknown }).typeName !== 'string') {
      throw new ProjectError('a target schema must be a JSON object with a string "typeName"', file.path, 1, 1);
    }
    const schema = value as Record<string, unknown>;
    const typeName = schema.typeName as string;
    if (byTypeName.has(typeName)) throw new ProjectError(`a second schema for target type ${typeName}`, file.path, 1, 1);
    byTypeName.set(typeName, { file, schema, typeNameAt: document.locate('/typeName') });
  }
  const info: Record<string, TargetInfo> = {};
  for (const targetName of resourceTargetNames(targetNames)) {
    if (isWildcard(targetName)) {
      // A wildcard target (`AWS::S3::*`) covers every concrete type it matches: package each project schema it matches.
      const matches = [...byTypeName.keys()].filter((typeName) => matchesWildcard(targetName, typeName)).sort();
      if (matches.length === 0) {
        throw new ProjectError(
          `no target schema in target-schemas/ matches the wildcard target ${targetName}: add the schema of each type it should cover`,
          'target-schemas',
          0,
          0,
          'TARGET_SCHEMA_MISSING',
        );
      }
      for (const typeName of matches) info[typeName] = describeTarget(typeName, {}, (byTypeName.get(typeName) as LocalSchema).schema);
      continue;
    }
    const local = byTypeName.get(targetName);
    if (!local) {
      misnamedSchema(targetName, byTypeName, targetNames);
      throw new ProjectError(
        `no target schema for ${targetName}: add target-schemas/${targetSchemaFileName(targetName)}, or package with --fetch-target-schemas to take it from the registry`,
        `target-schemas/${targetSchemaFileName(targetName)}`,
        0,
        0,
        'TARGET_SCHEMA_MISSING',
      );
    }
    info[targetName] = describeTarget(targetName, {}, local.schema);
  }
  return info;
}

/**
 * When the schema meant for `targetName` is there under another typeName (`AWS::DynamoDB::Tabel`), says so at that
 * typeName: the file cfn would name for the target, or a schema whose typeName is a near miss that no target names.
 * cfn keys local target schemas by typeName too, so it would miss this file as well (and fall back to DescribeType).
 */
function misnamedSchema(targetName: string, byTypeName: ReadonlyMap<string, LocalSchema>, targetNames: readonly string[]): void {
  const expectedFile = targetSchemaFileName(targetName);
  const unclaimed = [...byTypeName.values()].filter((local) => !targetNames.includes(local.schema.typeName as string));
  const suspect =
    unclaimed.find((local) => posix.basename(local.file.path) === expectedFile) ??
    unclaimed.find((local) => closestName(local.schema.typeName as string, [targetName]) !== undefined);
  if (!suspect) return;
  const typeName = suspect.schema.typeName as string;
  throw new ProjectError(
    `no target schema for ${targetName}: ${suspect.file.path} is there, but its typeName is '${typeName}'; did you mean '${targetName}'? Correct its typeName`,
    suspect.file.path,
    suspect.typeNameAt.line,
    suspect.typeNameAt.column,
    'TARGET_SCHEMA_MISSING',
  );
}

/** Asks the registry (DescribeType, Type RESOURCE) for each target's schema, as `cfn submit` does when none is provided. */
export async function registryTargetInfo(targetNames: readonly string[], client: CloudFormationClient): Promise<Record<string, TargetInfo>> {
  const { DescribeTypeCommand } = await import('@aws-sdk/client-cloudformation');
  const info: Record<string, TargetInfo> = {};
  for (const targetName of resourceTargetNames(targetNames)) {
    if (isWildcard(targetName)) {
      throw new ProjectError(
        `the registry cannot describe the wildcard target ${targetName}: package without --fetch-target-schemas and put the schema of each type it covers in target-schemas/`,
        'target-schemas',
        0,
        0,
        'TARGET_SCHEMA_MISSING',
      );
    }
    let response;
    try {
      response = await client.send(new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: targetName }));
    } catch (error) {
      throw explainAwsError(error, 'cloudformation:DescribeType');
    }
    let schema: Record<string, unknown>;
    try {
      schema = response.Schema ? (JSON.parse(response.Schema) as Record<string, unknown>) : {};
    } catch {
      // No file of the user's is involved: the answer of DescribeType, which the message names.
      throw new ProjectError(`the registry's schema for ${targetName} (DescribeType) is not valid JSON`, '');
    }
    // cfn keeps DescribeType's answer minus timestamps and metadata; the same fields, in a fixed order, here.
    const fields: Record<string, unknown> = {};
    for (const key of ['Arn', 'Type', 'ProvisioningType', 'Visibility', 'DeprecatedStatus', 'DefaultVersionId', 'IsDefaultVersion'] as const) {
      if (response[key] !== undefined) fields[key] = response[key];
    }
    info[targetName] = describeTarget(targetName, fields, schema);
  }
  return info;
}

function isWildcard(targetName: string): boolean {
  return /[*?]/.test(targetName);
}

function describeTarget(targetName: string, fields: Record<string, unknown>, schema: Record<string, unknown>): TargetInfo {
  return {
    TypeName: targetName,
    TargetName: targetName,
    TargetType: 'RESOURCE',
    ...fields,
    Schema: schema,
    // cfn sets this to true for every target "for backwards compatibility".
    IsCfnRegistrySupportedType: true,
    SchemaFileAvailable: Object.keys(schema).length > 0,
  };
}
