/**
 * The resource types a Lambda or Guard hook's `TargetFilters` name. The service compares each with a target's type,
 * so a name no type has (`AWS::S3::Buckets`, or another case: matching is case-sensitive [choice]) leaves the hook
 * never invoked for what was meant, and nothing says so. A registry hook's configuration gets HC112 for that from
 * its schema's targetNames; these hooks have no schema to narrow, so their names are checked against the
 * resource-type catalogue, custom resources and the types the run knows besides (`--known-type`, hooks' targets); a
 * SAM type is never a target, whatever the run knows (the transform replaces it before any hook runs).
 */
import { quote, readablePath, type Diagnostic } from '../../../src/kernel/diagnostics';
import type { HookConfiguration } from '../../../src/kernel/hook-config';
import { unmatchedTargetName, unmatchedTargetText } from '../../../src/kernel/resource-catalog';
import type { DeclarationSite } from './hook-declarations';

/** A warning for each TargetNames / Targets[].TargetName entry that matches no resource type the run knows. */
export function unknownTargetNameWarnings(site: DeclarationSite, hookName: string, configuration: HookConfiguration, knownTypes: readonly string[]): Diagnostic[] {
  const filters = configuration.TargetFilters;
  if (!filters) return [];
  const named: Array<[string, string]> = [
    ...(filters.TargetNames ?? []).map((name, i): [string, string] => [name, `/TargetFilters/TargetNames/${i}`]),
    ...(filters.Targets ?? []).map((target, i): [string, string] => [target.TargetName, `/TargetFilters/Targets/${i}/TargetName`]),
  ];
  const warnings: Diagnostic[] = [];
  for (const [name, pointer] of named) {
    const unmatched = unmatchedTargetName(name, knownTypes);
    if (unmatched === undefined) continue;
    const activated = unmatched.sam ? '' : `; for a private or third-party type the account has activated, add --known-type ${name}`;
    warnings.push(
      site.diagnostic(
        'HOOKS_UNKNOWN_TARGET',
        `${hookName}: ${readablePath(pointer)}: ${quote(name)} ${unmatchedTargetText(unmatched)}, so the hook is never invoked for it${activated}`,
        pointer,
        'warning',
      ),
    );
  }
  return warnings;
}
