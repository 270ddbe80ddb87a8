/**
 * A repository's nested-stack children, found before a many-templates run is split into shards: a template another
 * template of the run nests (a local `TemplateURL` or SAM `Location`, or a URL `--template-map` maps to it) is
 * simulated as that parent's nested stack, with the parameters the parent passes, and not again on its own, where
 * its required parameters have no value and the service would never deploy it. Only templates a walk or a glob found
 * are folded into their parents; a template named on the command line is always simulated.
 */
import { resolve } from 'node:path';
import { readBoundedBytes } from '../../src/kernel/source';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/kernel/protocol';
import { locateChild } from '../cloudformation/nested';
import { readTemplate } from '../cloudformation/template';
import type { InputUnit } from './inputs';

/** A template left out of the run's units because a parent of the run simulates it as a nested stack. */
export interface NestedInput {
  /** The child, as shown. */
  readonly input: string;
  /** The parent that nests it, as shown (the first in input order). */
  readonly parent: string;
}

/** The resource types whose child template a parent names. */
const NESTING_TYPES = ['AWS::CloudFormation::Stack', 'AWS::Serverless::Application'];
/** Templates are at most 1 MB in the service; a larger file is left to the run, which says so. */
const READ_LIMIT_BYTES = 1_048_576;

/**
 * The units without the found templates that a parent of the run reaches as a nested stack. A template only
 * reachable through a loop (A nests B, B nests A) stays, so that its run reports the loop instead of nothing.
 */
export function withoutNestedChildren(units: readonly InputUnit[], cwd: string, templateMap: Readonly<Record<string, string>>): { units: InputUnit[]; nested: NestedInput[] } {
  const byPath = new Map(units.filter((u) => u.kind === 'template').map((u) => [u.path, u]));
  const map = Object.fromEntries(Object.entries(templateMap).map(([url, path]) => [url, resolve(cwd, path)]));
  const children = new Map<string, string[]>();
  const nestedAnywhere = new Set<string>();
  for (const unit of byPath.values()) {
    const found = childTemplates(unit.path, map).filter((child) => child !== unit.path && byPath.has(child));
    children.set(unit.path, found);
    for (const child of found) nestedAnywhere.add(child);
  }
  // Walk down from the templates nobody nests: what they reach is simulated inside them.
  const parentOf = new Map<string, string>();
  const queue = [...byPath.keys()].filter((path) => !nestedAnywhere.has(path));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      if (parentOf.has(child) || !nestedAnywhere.has(child) || queue.includes(child)) continue;
      parentOf.set(child, next);
      queue.push(child);
    }
  }
  const kept: InputUnit[] = [];
  const nested: NestedInput[] = [];
  for (const unit of units) {
    const parent = parentOf.get(unit.path);
    if (unit.kind === 'template' && unit.found === true && parent !== undefined) nested.push({ input: unit.input, parent: byPath.get(parent)?.input ?? parent });
    else kept.push(unit);
  }
  return { units: kept, nested };
}

/**
 * The local child templates a template names with a literal `TemplateURL` or `Location` (or a CDK asset path); one
 * computed by an intrinsic (`!Sub`) is not known before the run, and a file that does not read is left to the run.
 */
function childTemplates(path: string, templateMap: Readonly<Record<string, string>>): string[] {
  let text: string;
  try {
    const read = readBoundedBytes(path, READ_LIMIT_BYTES, 'the template', true);
    if (read.truncated) return [];
    text = read.bytes.toString('utf8');
  } catch {
    return [];
  }
  if (!NESTING_TYPES.some((type) => text.includes(type))) return [];
  let body;
  try {
    body = readTemplate(path, text).body;
  } catch {
    return [];
  }
  const resources = body.Resources;
  if (!isJsonObject(resources)) return [];
  const found: string[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || typeof resource.Type !== 'string' || !NESTING_TYPES.includes(resource.Type)) continue;
    const properties = (isJsonObject(resource.Properties) ? resource.Properties : {}) as JsonObject;
    const location = locateChild({ logicalId, type: resource.Type, properties, metadata: resource.Metadata as JsonValue | undefined, parentStackName: '', guessedParameters: {} }, path, templateMap);
    if (location.kind === 'file') found.push(resolve(location.path));
  }
  return found;
}
