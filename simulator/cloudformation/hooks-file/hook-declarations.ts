/**
 * The hooks a hooks file declares, read from its resources: what each resource says, already checked against its
 * resource schema, defaults applied, with the place it came from (for every later error about it).
 */
import type { Diagnostic, DiagnosticCode } from '../../../src/kernel/diagnostics';
import type { HookConfiguration } from '../../../src/kernel/hook-config';

/** Where a declaration is, and how to point at one of its properties. */
export interface DeclarationSite {
  /** The hooks file as the user named it. */
  readonly file: string;
  readonly logicalId: string;
  /** A located diagnostic about the property at `pointer` (relative to the resource's Properties, '' for Properties itself; absent for the resource). */
  diagnostic(code: DiagnosticCode, message: string, pointer?: string, severity?: Diagnostic['severity']): Diagnostic;
}

/** An S3 object a Guard hook reads (`RuleLocation`, `Options.InputParams`). */
export interface S3Location {
  readonly Uri: string;
  readonly VersionId?: string;
}

/** `AWS::CloudFormation::LambdaHook`. */
export interface LambdaHookDeclaration {
  readonly kind: 'lambda';
  readonly site: DeclarationSite;
  readonly alias: string;
  readonly configuration: HookConfiguration;
  /** As written: an ARN or function name, a local module path, or a local Invoke endpoint URL. */
  readonly lambdaFunction: string;
  readonly executionRole: string;
  /** The logical id of the AWS::Lambda::Function the hooks file itself declares and names here, if it does. */
  readonly functionLogicalId?: string;
  /** Why the hook is off, in the hooks file's terms (`HookStatus`), when it is. */
  readonly disabledReason?: string;
}

/** `AWS::CloudFormation::GuardHook`. */
export interface GuardHookDeclaration {
  readonly kind: 'guard';
  readonly site: DeclarationSite;
  readonly alias: string;
  readonly configuration: HookConfiguration;
  readonly ruleLocation: S3Location;
  /** `Options.InputParams`: one location, or (2026) a list of them; empty when none. */
  readonly inputParams: readonly S3Location[];
  /** `Options.InputParams` is written as a list, one item or more: its items are located by their index. */
  readonly inputParamsListed?: true;
  readonly logBucket?: string;
  readonly executionRole: string;
  /** Why the hook is off, in the hooks file's terms (`HookStatus`; a Guard hook's default), when it is. */
  readonly disabledReason?: string;
}

/** Which AWS-published hook an alias activates (`TypeActivation`), and what the activation says besides. */
export interface HookActivation {
  readonly kind: 'lambda' | 'guard';
  /** The TypeActivation's logical id. */
  readonly logicalId: string;
  /** `ExecutionRoleArn`, as given ('' when left out). */
  readonly executionRole: string;
}

/** A TypeActivation of a hook type other than AWS::Hooks::LambdaHook and GuardHook (Control Tower's, a third party's). */
export interface OtherActivation {
  /** The activated type (`TypeName`). */
  readonly typeName: string;
  /** The TypeActivation's logical id. */
  readonly logicalId: string;
}

/** `AWS::CloudFormation::HookTypeConfig`: a registry hook's configuration document, not yet checked against its schema. */
export interface HookTypeConfigDeclaration {
  readonly kind: 'custom';
  readonly site: DeclarationSite;
  /** From TypeName, or derived from TypeArn (`…:type/hook/MyCompany-Testing-MyTestHook` → `MyCompany::Testing::MyTestHook`). */
  readonly typeName: string;
  /** Which property named the type (for errors about it). */
  readonly typeProperty: 'TypeName' | 'TypeArn';
  /** The configuration document (a JSON string, as the property is). */
  readonly configurationText: string;
  /** When the hooks file activates this type name as an alias of AWS::Hooks::LambdaHook or GuardHook (a TypeActivation). */
  readonly activation?: HookActivation;
  /** When a TypeActivation of another type (an AWS-managed hook, a third party's public one) activates this name: which, and where. */
  readonly activatedFrom?: OtherActivation;
  /** The functions the hooks file declares, by name → logical id (an activated Lambda hook's LambdaFunction may name one). */
  readonly functions: ReadonlyMap<string, string>;
}

/** One hook a hooks file declares. */
export type HookDeclaration = LambdaHookDeclaration | GuardHookDeclaration | HookTypeConfigDeclaration;
