/**
 * A Lambda or Guard hook activated the way the Hooks User Guide's CLI pages do it ("Activate a Lambda Hook (AWS
 * CLI)", "Activate a Guard Hook (AWS CLI)"): `activate-type --type-name AWS::Hooks::LambdaHook|GuardHook
 * --publisher-id aws-hooks --type-name-alias <alias>`, then `set-type-configuration` with a configuration document
 * whose `Properties` name the function or the rules. In a hooks file that is an `AWS::CloudFormation::TypeActivation`
 * and an `AWS::CloudFormation::HookTypeConfig` for its alias; it is the same hook the `AWS::CloudFormation::LambdaHook`
 * and `GuardHook` resources declare, so it is turned into their declaration here.
 */
import type { HookConfiguration, HookSchema } from '../../../src/kernel/hook-config';
import type { DeclarationSite, GuardHookDeclaration, HookActivation, HookTypeConfigDeclaration, LambdaHookDeclaration, S3Location } from './hook-declarations';
import { ORIGINAL_TYPE_NAMES } from './resource-schemas';

/** Every handler of a Lambda or Guard hook serves every target, the stack and the change set included. */
const EVERY_TARGET_NAME = ['*', 'STACK', 'CHANGE_SET'];
const handlers = {
  preCreate: { targetNames: EVERY_TARGET_NAME, permissions: [] },
  preUpdate: { targetNames: EVERY_TARGET_NAME, permissions: [] },
  preDelete: { targetNames: EVERY_TARGET_NAME, permissions: [] },
};

/**
 * The configuration `Properties` each activated type takes, as the activation pages document them: a Lambda hook's
 * `LambdaFunction`; a Guard hook's `ruleLocation` (an S3 URI), `logBucket` and `options.inputParams` ("a single S3
 * URI or an array of up to 10 S3 URIs"). [choice] Other keys are refused (a typo would otherwise leave the hook
 * without its rules); [unconfirmed] whether the registry schemas of AWS::Hooks::* allow more.
 */
export const ACTIVATED_HOOK_SCHEMAS: Readonly<Record<HookActivation['kind'], HookSchema>> = {
  lambda: {
    typeName: ORIGINAL_TYPE_NAMES.lambda,
    handlers,
    typeConfiguration: {
      type: 'object',
      additionalProperties: false,
      required: ['LambdaFunction'],
      properties: { LambdaFunction: { type: 'string', minLength: 1, maxLength: 170 } },
    },
  },
  guard: {
    typeName: ORIGINAL_TYPE_NAMES.guard,
    handlers,
    typeConfiguration: {
      type: 'object',
      additionalProperties: false,
      required: ['ruleLocation'],
      properties: {
        ruleLocation: { type: 'string', minLength: 1 },
        logBucket: { type: 'string' },
        options: {
          type: 'object',
          additionalProperties: false,
          properties: { inputParams: { oneOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, maxItems: 10, items: { type: 'string', minLength: 1 } }] } },
        },
      },
    },
  },
};

/** The kind of an activated AWS-published hook type (`AWS::Hooks::LambdaHook` → lambda), or undefined. */
export function activatedKindOf(originalTypeName: unknown): HookActivation['kind'] | undefined {
  if (originalTypeName === ORIGINAL_TYPE_NAMES.lambda) return 'lambda';
  if (originalTypeName === ORIGINAL_TYPE_NAMES.guard) return 'guard';
  return undefined;
}

/**
 * The Lambda or Guard declaration a checked configuration document makes for an activated alias. Every later
 * problem (unmapped code, a missing module) is located at the Configuration property and names the document's key.
 */
export function declarationOfActivated(
  declaration: HookTypeConfigDeclaration,
  activation: HookActivation,
  checked: HookConfiguration,
  functions: ReadonlyMap<string, string>,
  functionNameOf: (reference: string) => string,
): LambdaHookDeclaration | GuardHookDeclaration {
  const { Properties: properties = {}, ...configuration } = checked;
  const site = insideConfiguration(declaration.site);
  const common = { site, alias: declaration.typeName, configuration, executionRole: activation.executionRole };
  if (activation.kind === 'lambda') {
    const lambdaFunction = String(properties.LambdaFunction);
    const functionLogicalId = functions.get(functionNameOf(lambdaFunction));
    return { kind: 'lambda', ...common, lambdaFunction, ...(functionLogicalId !== undefined ? { functionLogicalId } : {}) };
  }
  const options = properties.options as { inputParams?: string | string[] } | undefined;
  const inputParams = options?.inputParams === undefined ? [] : Array.isArray(options.inputParams) ? options.inputParams : [options.inputParams];
  return {
    kind: 'guard',
    ...common,
    ruleLocation: { Uri: String(properties.ruleLocation) },
    inputParams: inputParams.map((uri): S3Location => ({ Uri: uri })),
    ...(Array.isArray(options?.inputParams) ? { inputParamsListed: true as const } : {}),
    ...(typeof properties.logBucket === 'string' ? { logBucket: properties.logBucket } : {}),
  };
}

/** The Lambda/Guard resource's property pointers, as paths inside the configuration document. */
const DOCUMENT_PATHS: ReadonlyArray<[RegExp, string]> = [
  [/^\/LambdaFunction$/, '/Properties/LambdaFunction'],
  [/^\/RuleLocation(\/Uri)?$/, '/Properties/ruleLocation'],
  [/^\/Options\/InputParams(\/\d+)?\/Uri$/, '/Properties/options/inputParams$1'],
  [/^(\/(?:TargetFilters|StackFilters)(?:\/.*)?)$/, '$1'],
];

/** A site that locates every diagnostic at the HookTypeConfig's Configuration, naming the path inside the document. */
function insideConfiguration(site: DeclarationSite): DeclarationSite {
  return {
    file: site.file,
    logicalId: site.logicalId,
    diagnostic(code, message, pointer, severity) {
      const rule = pointer === undefined ? undefined : DOCUMENT_PATHS.find(([from]) => from.test(pointer));
      const inner = rule && pointer !== undefined ? ` at /CloudFormationConfiguration/HookConfiguration${pointer.replace(rule[0], rule[1])}` : '';
      return site.diagnostic(code, `HookTypeConfig ${site.logicalId} Configuration${inner}: ${message}`, '/Configuration', severity);
    },
  };
}
