/**
 * Walks the property schemas a hook schema holds (typeConfiguration properties and definitions, and
 * everything nested in them), so that each code check looks at every one of them the same way.
 */
import { escapePointerToken } from '../kernel/diagnostics';
import { isJsonObject } from '../kernel/protocol';


export interface PropertySchemaNode {
  readonly pointer: string;
  readonly schema: Record<string, unknown>;
  /** True for a direct property of typeConfiguration (what the handler receives in hookModel). */
  readonly isConfigurationProperty: boolean;
}

const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'dependencies'] as const;
const SCHEMA_KEYWORDS = ['items', 'contains'] as const;

/** Every property schema in the document, outermost first. */
export function propertySchemas(document: Record<string, unknown>): PropertySchemaNode[] {
  const nodes: PropertySchemaNode[] = [];
  const visit = (value: unknown, pointer: string, isConfigurationProperty: boolean): void => {
    if (!isJsonObject(value)) return;
    nodes.push({ pointer, schema: value, isConfigurationProperty });
    for (const keyword of SCHEMA_KEYWORDS) visit(value[keyword], `${pointer}/${keyword}`, false);
    for (const keyword of SCHEMA_LIST_KEYWORDS) {
      const list = value[keyword];
      if (Array.isArray(list)) list.forEach((item, i) => visit(item, `${pointer}/${keyword}/${i}`, false));
    }
    for (const keyword of SCHEMA_MAP_KEYWORDS) {
      const map = value[keyword];
      if (isJsonObject(map)) for (const [name, item] of Object.entries(map)) visit(item, `${pointer}/${keyword}/${escapePointerToken(name)}`, false);
    }
  };
  const tc = document.typeConfiguration;
  if (isJsonObject(tc)) {
    if (isJsonObject(tc.properties)) {
      for (const [name, item] of Object.entries(tc.properties)) visit(item, `/typeConfiguration/properties/${escapePointerToken(name)}`, true);
    }
    for (const keyword of SCHEMA_LIST_KEYWORDS) {
      const list = tc[keyword];
      if (Array.isArray(list)) list.forEach((item, i) => visit(item, `/typeConfiguration/${keyword}/${i}`, false));
    }
  }
  if (isJsonObject(document.definitions)) {
    for (const [name, item] of Object.entries(document.definitions)) visit(item, `/definitions/${escapePointerToken(name)}`, false);
  }
  for (const keyword of SCHEMA_LIST_KEYWORDS) {
    const list = document[keyword];
    if (Array.isArray(list)) list.forEach((item, i) => visit(item, `/${keyword}/${i}`, false));
  }
  return nodes;
}
