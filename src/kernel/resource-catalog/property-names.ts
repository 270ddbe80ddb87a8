/**
 * The top-level property names a resource type has, as the catalogue knows them: the one home of the check behind the
 * simulator's RES_UNKNOWN_PROPERTY and CLOUDCONTROL_UNKNOWN_PROPERTY and the contract inputs' CT_UNKNOWN_PROPERTY.
 */
import { CatalogUnavailableError, catalogType, type CatalogType } from './resource-catalog';
import { isSamType } from './sam-types';

/** `Custom::*` and `AWS::CloudFormation::CustomResource`: their properties go to, and attributes come from, their provider. */
export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

const PROPERTY_NAMES = new Map<string, ReadonlySet<string> | undefined>();

/**
 * The top-level names a type's schema has, as the catalogue knows them: its properties (the spec's, with the old
 * specification's) and its read-only ones, which the spec lists as attributes (a Cloud Control state read back with
 * GetResource holds a log group's `Arn`, and the registry ignores a value given for one); undefined where any
 * property is accepted or the catalogue cannot tell: custom resources (their properties go to the provider), SAM's
 * types (the transform reads them), types it does not list, and every type when the catalogue is not built (a check
 * that only warns does not stop a run the types' own models can make; a type that needs the catalogue says it is
 * missing where it is needed).
 */
export function propertyNames(type: string): ReadonlySet<string> | undefined {
  if (isCustomResourceType(type) || isSamType(type)) return undefined;
  if (PROPERTY_NAMES.has(type)) return PROPERTY_NAMES.get(type);
  let entry: CatalogType | undefined;
  try {
    entry = catalogType(type);
  } catch (error) {
    if (error instanceof CatalogUnavailableError) return undefined;
    throw error;
  }
  // A type with no properties (AWS::CloudFormation::WaitConditionHandle) takes none: an empty set, not "any".
  const names = entry === undefined ? undefined : new Set([...entry.properties, ...Object.keys(entry.attributes)]);
  PROPERTY_NAMES.set(type, names);
  return names;
}
