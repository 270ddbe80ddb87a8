/**
 * The hooks a stack's own template declares. A deployed `AWS::CloudFormation::LambdaHook` or `GuardHook` is an active
 * hook of the account ("creates and activates a … Hook"), and an `AWS::CloudFormation::HookTypeConfig` configures one:
 * the account then runs it on every stack its filters select, later operations on the declaring stack included (the
 * LambdaHook reference's own example excludes `!Ref AWS::StackName` from its StackFilters for that reason). The
 * simulator runs only the hooks `--hooks` declares, so these are named, never passed over in silence.
 */
import { isJsonObject, type JsonObject } from '../../../src/kernel/protocol';
import { HOOK_RESOURCE_TYPES } from './resource-schemas';

/** One hook resource of a template, as written (before resolution: the deployed values are not known here). */
export interface TemplateHook {
  readonly logicalId: string;
  readonly resourceType: string;
  /** The alias (Lambda, Guard) or the configured type's name (HookTypeConfig), when written as a plain string. */
  readonly name?: string;
  /** False when the template switches it off (`HookStatus: DISABLED`, or a Guard hook that leaves HookStatus out). */
  readonly enabled: boolean;
}

/** The hook resources of a template body, in template order. */
export function hooksDeclaredIn(body: JsonObject): TemplateHook[] {
  const resources = body['Resources'];
  if (!isJsonObject(resources)) return [];
  const out: TemplateHook[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || typeof resource['Type'] !== 'string') continue;
    const resourceType = resource['Type'];
    const properties = isJsonObject(resource['Properties']) ? resource['Properties'] : {};
    const text = (key: string): string | undefined => (typeof properties[key] === 'string' ? properties[key] : undefined);
    switch (resourceType) {
      case HOOK_RESOURCE_TYPES.lambda:
      case HOOK_RESOURCE_TYPES.guard: {
        // HookStatus defaults to ENABLED for a Lambda hook and to DISABLED for a Guard hook (their resource schemas).
        const status = text('HookStatus') ?? (resourceType === HOOK_RESOURCE_TYPES.guard ? 'DISABLED' : 'ENABLED');
        out.push({ logicalId, resourceType, ...optional('name', text('Alias')), enabled: status !== 'DISABLED' });
        break;
      }
      case HOOK_RESOURCE_TYPES.typeConfig:
        out.push({ logicalId, resourceType, ...optional('name', text('TypeName')), enabled: !/"HookInvocationStatus"\s*:\s*"DISABLED"/.test(text('Configuration') ?? '') });
        break;
      default:
        break;
    }
  }
  return out;
}

function optional(key: 'name', value: string | undefined): { name?: string } {
  return value === undefined ? {} : { [key]: value };
}
