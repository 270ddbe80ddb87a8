/**
 * The contract between the template reader (this folder) and the rest of the simulator: a template
 * read from disk, and the same template resolved as CloudFormation would resolve it for one stack.
 */
import { InputError, type Diagnostic } from '../../../src/kernel/diagnostics';
import type { JsonObject, JsonValue } from '../../../src/kernel/protocol';
import type { LocateAt } from '../../../src/kernel/source';
import type { TemplateLimits } from './limits';

/** A template file read and parsed, short-form tags already turned into their long form (`{"Ref": …}`). */
export interface TemplateSource {
  readonly file: string;
  readonly format: 'json' | 'yaml';
  /** The parsed document: plain JSON data, null-prototype-safe. */
  readonly body: JsonObject;
  /**
   * The quotas the template was read under (`false`: none, as with --no-limits); the resolver applies the same
   * ones to the template Fn::ForEach expands. Undefined: the service's quotas.
   */
  readonly limits?: TemplateLimits | false;
  /** The text as read (decoded), what a STACK hook's payload carries as the submitted template; absent when built in memory. */
  readonly text?: string;
  /** Line and column (1-based) of the value at a JSON pointer; {0,0} when unknown. Computed lazily. */
  locate(pointer: string, at?: LocateAt): { line: number; column: number };
  /** What reading found but the service tolerates (a duplicate key, resolved last-wins). */
  readonly warnings?: readonly Diagnostic[];
}

/** The stack a template is resolved for: everything that is not in the template itself. */
export interface ResolveOptions {
  stackName: string;
  /**
   * The stack name is the simulator's guess (the template's file name), not one the user gave: a template that
   * splits it and selects a part the guess lacks (Amplify's `!Select [3, !Split ['-', !Ref AWS::StackName]]`) gets
   * a placeholder part and a warning, as for any value nobody gave, instead of a refusal the real name would not get.
   */
  stackNameGuessed?: boolean;
  region: string;
  accountId: string;
  /** Parameter values given by the user (`--parameter`, `--parameters-file`), as strings. */
  parameters: Readonly<Record<string, string>>;
  /** `Fn::ImportValue` exports (`--exports`). */
  exports?: Readonly<Record<string, string>>;
  /**
   * The outputs of stacks already deployed (a cloud assembly's stacks before this one), for `Fn::GetStackOutput`: by
   * `stackOutputsKey(accountId, region, stackName)`, then output name.
   */
  stackOutputs?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Plain SSM parameters for `{{resolve:ssm:…}}` and `AWS::SSM::Parameter::Value<…>` parameters. */
  ssmParameters?: Readonly<Record<string, string>>;
  /** Physical ids of resources that already exist (from the deployed stack), so an update keeps them. */
  physicalIds?: Readonly<Record<string, string>>;
  /**
   * Refuse, as the service does when they do not exist, SSM parameters (parameter types and `{{resolve:ssm:…}}`)
   * and exports that were not given; by default each gets a placeholder and a warning.
   */
  strictParameters?: boolean;
  /** Give a parameter with neither a value nor a Default a placeholder its declaration accepts, with a warning. */
  placeholderParameters?: boolean;
  /**
   * Construct paths by template file (as read) and logical id, for resources whose `Metadata` has no
   * `aws:cdk:path`: a cloud assembly's metadata names them (see `constructPathsOf` in the assembly reader).
   */
  constructPaths?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Registry types the account has beyond the public catalogue (`--known-type`); `*` matches any characters. */
  knownTypes?: readonly string[];
  /** The stack's id; derived from the other options when absent. */
  stackId?: string;
  /**
   * Resolves the nested stack an `AWS::CloudFormation::Stack` (or `AWS::Serverless::Application`) resource
   * creates, so that `Fn::GetAtt [Child, Outputs.X]` sees the child's outputs. Absent: nested stacks are not simulated.
   */
  nestedStacks?: NestedStackResolver;
  /**
   * The template is the stack as already deployed (the previous side of an update, a delete, the account's hooks):
   * its `Rules` were checked when it was deployed, and the service does not check them again.
   */
  alreadyDeployed?: boolean;
  /**
   * The template is a deployed stack's own (not a nested stack's, whose parent passes its values): what the run
   * knows of the values it was deployed with, which the service never checks again. Absent: a stack being created.
   */
  deployedParameters?: DeployedParameters;
  /**
   * Parameters whose values the simulator only guessed, with what each stands in for (a nested stack's parameter
   * built from a placeholder in its parent). A rule that depends on one is not evaluated, with a warning.
   */
  guessedParameters?: Readonly<Record<string, string>>;
  /**
   * Parameters whose values hold a value the parent made up for one of its resources (a custom resource's attribute,
   * a generated name), with what each is. Like a guessed one, such a value has the simulator's shape: a constraint it
   * breaks is a warning, not a refusal (unless `strictParameters`).
   */
  madeUpParameters?: Readonly<Record<string, string>>;
}

/**
 * A deployed stack's parameters. It keeps the values it was deployed with, which the simulator knows only as given:
 * CreateStack's refusals (`must have values`, a value outside the declaration's constraints) would blame the deployed
 * template for what the run did not give. Where the values come from decides what a gap is:
 * - `deleted`: a delete's (`--parameter`, the only values it has): a parameter with none is refused, saying so and how
 *   to give it (or `--placeholder-parameters`).
 * - `previous`: the previous side of an update or change set (`--previous-parameter`, else the new values it
 *   declares, `borrowed`). A parameter with none gets a placeholder, a borrowed value the old declaration does not
 *   allow gets the old Default (else a placeholder), each with a warning naming `--previous-parameter`
 *   (`RES_DEPLOYED_PARAMETER`); `strictParameters` refuses them. [choice] A value given for it that breaks the old
 *   declaration is used, with a warning: the user says that is what was deployed, and the service never re-checks it.
 */
export interface DeployedParameters {
  readonly side: 'deleted' | 'previous';
  /** The names whose values were borrowed from the new side's, not given for the deployed stack. */
  readonly borrowed?: ReadonlySet<string>;
}

/** A nested-stack resource, its properties resolved in the parent, as the parent's resolver hands it over. */
export interface NestedStackRequest {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: JsonObject;
  /** The resource's `Metadata` (CDK puts the nested template's asset path there). */
  readonly metadata: JsonValue | undefined;
  /** The parent's stack name and the deterministic suffix source for the child's name. */
  readonly parentStackName: string;
  /** The passed parameters whose values hold a placeholder the parent stood in for, with what each stands in for. */
  readonly guessedParameters: Readonly<Record<string, string>>;
  /** The passed parameters whose values hold a value the parent made up for a resource (and are not guessed). */
  readonly madeUpParameters?: Readonly<Record<string, string>>;
  /** What the `TemplateURL` (or SAM `Location`) stands in for, when it holds such a placeholder: no file to read. */
  readonly guessedLocation?: string;
}

/**
 * What became of a nested stack: simulated (its id and outputs), or not simulated, with the reason, the JSON
 * pointer (relative to the resource) of the property that says where the child is, and how grave that is.
 */
export type NestedStackResolution =
  | {
      readonly kind: 'simulated';
      readonly stackId: string;
      readonly outputs: Readonly<Record<string, JsonValue>>;
      /** Outputs the child declares but does not create, each with why (a false Condition, a Value of AWS::NoValue). */
      readonly outputsNotCreated?: Readonly<Record<string, string>>;
      /** The child's template as messages name it: its location as the parent writes it, else the path read. */
      readonly file: string;
      readonly standIns?: StandIns;
    }
  | {
      readonly kind: 'not-simulated';
      readonly pointer: string;
      readonly message: string;
      readonly severity: 'warning' | 'error';
      /** The service's own refusal, when it is one (a parameter the child does not declare); else RES_NESTED_STACK. */
      readonly code?: 'RES_UNKNOWN_PARAMETER';
    };

/** Resolves one nested stack for its parent's resolver. */
export type NestedStackResolver = (request: NestedStackRequest) => NestedStackResolution;

/** One resource after conditions, intrinsics and transforms have been applied. */
export interface ResolvedResource {
  readonly logicalId: string;
  readonly type: string;
  /** Fully resolved properties in their template types (numbers stay numbers here; the simulator stringifies for the wire). */
  readonly properties: JsonObject;
  /** Every resource this one depends on: DependsOn plus Ref/GetAtt/Sub references; sorted. */
  readonly dependsOn: readonly string[];
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
  /**
   * The resource's Metadata, CreationPolicy and UpdatePolicy attributes with intrinsics evaluated (as written when
   * they cannot be), each absent when not declared: an update that changes one of them alone still updates the
   * resource (plan/plan-stack.ts changedAttributes).
   */
  readonly metadata?: JsonValue;
  readonly creationPolicy?: JsonValue;
  readonly updatePolicy?: JsonValue;
  /** The physical id CloudFormation would give it (its name property, or `stack-Logical-RANDOM`, deterministic). */
  readonly physicalId: string;
  /** The CDK construct path (`Metadata["aws:cdk:path"]`), shown beside the logical id. */
  readonly constructPath?: string;
  /** Where the resource is declared, for diagnostics. */
  readonly line: number;
  readonly column: number;
}

/** A template resolved for one stack. Resources come in dependency order (a resource after all it depends on). */
export interface ResolvedTemplate {
  readonly source: TemplateSource;
  readonly resources: readonly ResolvedResource[];
  readonly parameters: Readonly<Record<string, JsonValue>>;
  readonly conditions: Readonly<Record<string, boolean>>;
  readonly outputs: Readonly<Record<string, JsonValue>>;
  /** Outputs the template declares but the stack does not have, each with why; absent when there are none. */
  readonly outputsNotCreated?: Readonly<Record<string, string>>;
  /** The values this stack exports (`Outputs.*.Export.Name` → value), for `Fn::ImportValue` in stacks deployed after it. */
  readonly exports: Readonly<Record<string, JsonValue>>;
  /**
   * The export names the stack's `Fn::ImportValue`s read, as resolved: while the stack exists, the service refuses to
   * delete or change those exports. Absent from a template resolved without them (a test's hand-made one).
   */
  readonly imports?: readonly string[];
  /** Transforms named by the template (`AWS::LanguageExtensions` is expanded; others are reported). */
  readonly transforms: readonly string[];
  /** Non-fatal findings, e.g. a transform passed through without expansion. */
  readonly warnings: readonly Diagnostic[];
  /**
   * The NoEcho values of this stack, to be masked in everything shown to the user. Resources keep the real
   * values (the hook sees them, as it does in the service); whoever prints a result masks it with this.
   */
  readonly secrets: SecretMasking;
  /**
   * The values the simulator stood in for in this stack, with what each stands for: `guessed` an input nobody gave, `madeUp`
   * a value made up for a resource. A parent reading the stack's outputs keeps them marked (`Fn::GetAtt Child.Outputs.X`).
   */
  readonly standIns?: StandIns;
}

/** Values the simulator stood in for, each with what it stands for (see ResolvedTemplate.standIns). */
export interface StandIns {
  readonly guessed: ReadonlyMap<string, string>;
  readonly madeUp: ReadonlyMap<string, string>;
}

/** Replaces every written form of a stack's NoEcho values (implemented by the resolver's SecretMask). */
export interface SecretMasking {
  /** Text with every form of every secret replaced by `****`. */
  text(text: string): string;
  /** A copy of data with every string (keys included) masked; unchanged data comes back as it is. */
  value<T>(value: T): T;
  /** A diagnostic whose message and pointer are masked. */
  diagnostic(diagnostic: Diagnostic): Diagnostic;
  /** A masking of these secrets and the other's. */
  with(other: SecretMasking): SecretMasking;
}

/** A template that cannot be read or resolved; carries every located diagnostic found. */
export class TemplateError extends InputError {}
