/**
 * `resolveTemplate`: a template resolved for one stack as CloudFormation would, in the service's order —
 * transforms, parameters, conditions, resource dependencies, then resources and outputs evaluated in
 * dependency order so every `Ref`/`Fn::GetAtt` sees the value of a resource created earlier.
 */
import type { Diagnostic } from '../../../src/kernel/diagnostics';
import { closestName, listForMessage, sortDiagnostics } from '../../../src/kernel/diagnostics';
import type { JsonObject, JsonValue } from '../../../src/kernel/protocol';
import { hasUrlScheme } from '../../../src/kernel/source';
import { CLOUDFORMATION_LIMITS } from '../template/limits';
import { quotaExceeded } from '../template/template-shape';
import { LANGUAGE_EXTENSIONS, POLICY_EXPRESSIONS, recognizeCall, SERVERLESS } from '../template/intrinsics';
import { INCLUDE, PROCESSED_TEMPLATE, transformEntries, unexpandedTransformMessage } from '../template/transforms';
import { TemplateError, type NestedStackResolution, type ResolvedResource, type ResolvedTemplate, type ResolveOptions, type StandIns, type TemplateSource } from '../template/types';
import { placeholderCidrBlock, placeholderExport, placeholderOfType, placeholderPart, placeholderStackOutput } from './account-values';
import { ConditionTable, type ConditionDefinition } from './conditions';
import { collectReferences, orderByDependencies, type ReferenceScope } from './dependencies';
import { resolveDynamicReferences } from './dynamic-references';
import { evaluate, NodeBudget, type Block, type EvaluationContext, type MadeUpValues, type ResourceReferences } from './evaluate';
import { DependentFailure, issueAt, locateIssue, ResolveIssue, Where, type ResolveCode } from './issues';
import { expandSection, type ExpandedEntry } from './language-extensions';
import { resolveParameters } from './parameters';
import { checkRulesSection, evaluateRules } from './rules';
import { isRecognizedType, isSamType, propertyNames } from '../../../src/kernel/resource-catalog';
import { SecretMask } from './secret-mask';
import { acceptsAttribute, attributeNames, attributeOf, physicalIdFor, samGeneratedAttribute, type ResourceFacts } from './resource-types';
import { generatedName, stackEnvironment, type StackEnvironment } from './stack-environment';
import { samGeneratedQueues, samS3BucketEdits } from './serverless';
import { describeShape, emptyObject, NO_VALUE, own, setKey } from './values';
import { isJsonObject } from '../../../src/kernel/protocol';

/** The SAM transform: accepted, its resources passed through (see docs/template-resolution.md). */

const DELETION_POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'];
const UPDATE_REPLACE_POLICIES = ['Delete', 'Retain', 'Snapshot'];

interface DeclaredResource {
  readonly logicalId: string;
  readonly pointer: string;
  readonly definition: Record<string, unknown>;
  readonly type: string;
  readonly index: number;
}

interface CreatedResource {
  readonly facts: ResourceFacts;
  readonly physicalId: string;
  /** For a nested stack the simulator resolved: its outputs, read by `Fn::GetAtt [Child, Outputs.X]`. */
  readonly nestedOutputs?: Readonly<Record<string, JsonValue>>;
  readonly nestedFile?: string;
  /** Outputs the nested stack's template declares but the stack does not create, with why. */
  readonly nestedOutputsNotCreated?: Readonly<Record<string, string>>;
  /** The values the nested stack stood in for: its outputs that hold one stay stand-ins here. */
  readonly nestedStandIns?: StandIns;
}

/**
 * What the first of `standIns` that `text` holds stands for, or undefined. A short stand-in (a Number placeholder `1`,
 * an AllowedValue such as `au`) counts only as the whole text: inside longer text (`s3.us-east-1`, `s3audit`) it
 * is more likely the text's own.
 */
export function standInHeld(text: string, standIns: ReadonlyMap<string, string>): string | undefined {
  const exact = standIns.get(text);
  if (exact !== undefined) return exact;
  for (const [value, what] of standIns) if (value.length >= MIN_STAND_IN_SUBSTRING && !SHARED_TEXT.test(value) && text.includes(value)) return what;
  return undefined;
}

/**
 * Stand-ins whose text other values hold without them, so found inside longer text they prove nothing: an account id
 * and a region (`--placeholder-parameters` gives a parameter shaped like one the stack's own, and a URL built from
 * `${AWS::AccountId}` or `${AWS::Region}` holds the same text). They still count as a whole value.
 */
const SHARED_TEXT = /^(?:\d{12}|[a-z]{2}(?:-[a-z]+)+-\d)$/;

/** The shortest stand-in looked for inside longer text (generated names, placeholders and ARNs are all longer). */
const MIN_STAND_IN_SUBSTRING = 8;

/**
 * Resource types that make stacks which are not nested stacks of this one, with what they deploy: a stack set's
 * instances and a Service Catalog product's stack are operations of their own.
 */
const SEPARATE_STACK_TYPES: Readonly<Record<string, string>> = {
  'AWS::CloudFormation::StackSet': 'its template (TemplateBody or TemplateURL) in the accounts and regions of its instances',
  'AWS::ServiceCatalog::CloudFormationProvisionedProduct': "its product's template",
};

/** The resource types that create a nested stack (SAM's application becomes an AWS::CloudFormation::Stack). */
export const NESTED_STACK_TYPES: ReadonlySet<string> = new Set(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application']);

/** Collects issues and warnings across the whole resolution, so one run reports every independent fault. */
class Findings {
  readonly issues: ResolveIssue[] = [];
  readonly warnings: ResolveIssue[] = [];
  /** The code and subject of every warning given once (`warnOnce`). */
  private readonly warned = new Set<string>();

  /**
   * A warning given once per code and subject in a run (the export, stack output or SSM parameter a placeholder stands
   * for, the made-up value an Fn::Select went beyond, the SAM-generated id): the same subject met again adds nothing.
   */
  warnOnce(code: ResolveCode, subject: string, where: Where, message: () => string): void {
    const key = `${code}\0${subject}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push(new ResolveIssue(code, message(), where.pointer(), 'warning'));
  }

  /** Runs a step; a ResolveIssue is recorded, a DependentFailure (already reported) is swallowed. */
  attempt<T>(step: () => T): T | undefined {
    try {
      return step();
    } catch (error) {
      if (error instanceof ResolveIssue) this.issues.push(error);
      else if (!(error instanceof DependentFailure)) throw error;
      return undefined;
    }
  }
}

/** Resolves a template for one stack; throws a TemplateError carrying every located fault. */
export function resolveTemplate(source: TemplateSource, options: ResolveOptions): ResolvedTemplate {
  const resolver = new TemplateResolver(source, options);
  return resolver.run();
}

class TemplateResolver {
  private readonly body: JsonObject;
  private readonly env: StackEnvironment;
  private readonly budget = new NodeBudget();
  private readonly findings = new Findings();
  /** Warnings a refusal keeps (see `ResolvedParameters.keptOnRefusal`). */
  private keptOnRefusal: readonly ResolveIssue[] = [];
  private secrets = SecretMask.NONE;
  private transforms: string[] = [];
  private languageExtensions = false;
  private serverless = false;
  private parameters: ReadonlyMap<string, JsonValue> = new Map();
  private conditionTable: ConditionTable | undefined;
  private readonly declared = new Map<string, DeclaredResource>();
  private readonly removed = new Map<string, string>();
  /** Declarations whose body is an `Fn::Transform` left unexpanded (already refused): named elsewhere, not reported again. */
  private readonly untransformed = new Set<string>();
  /** The buckets each SAM function's `S3` events edit (samS3BucketEdits), for its passthrough warning. */
  private samEditedBuckets: ReadonlyMap<string, readonly string[]> = new Map();
  private readonly created = new Map<string, CreatedResource>();
  private readonly failed = new Set<string>();
  /** Resources whose type the service would not recognise, in template order. */
  private readonly unrecognized: Array<{ type: string; where: Where }> = [];
  /** Every value the simulator stood in for, with what it stands in for: a nested stack passed one has guessed parameters. */
  private readonly guesses = new Map<string, string>();
  /**
   * Values the simulator made up for resources (`Ref`, attributes) and parts of them, with what each stands for. Kept
   * apart from `guesses` though both describe a stand-in (`describe` asks both): a guess stands for an input nobody
   * gave (a parameter, an export, an SSM value), and only those make a nested stack's parameters "guessed" (a rule
   * reading one is not evaluated); a made-up value passed down makes the parameter "made up" (`standInsIn`), so that
   * the child's constraints, which the real value in its own shape may meet, warn instead of refusing.
   */
  private readonly madeUpValues = new Map<string, string>();
  /** The export names the template's `Fn::ImportValue`s read, as resolved. */
  private readonly importNames = new Set<string>();
  /** The list values of `guesses` (list parameters nobody gave), by identity: their length is a guess too. */
  private readonly guessedLists = new WeakMap<readonly JsonValue[], string>();
  /** Values a resource's `Ref` or attribute returns that the template declares itself (see `noteMadeUp`). */
  private readonly declaredValues = new Set<string>();

  constructor(
    private readonly source: TemplateSource,
    private readonly options: ResolveOptions,
  ) {
    this.body = source.body;
    this.env = stackEnvironment(options);
    // Made up, not a guess: a guess marks the nested stack parameters it is passed into (`guessedIn`, by substring, and
    // a file's name such as `app` is in many values), while a stack name only needs its parts described.
    if (options.stackNameGuessed) {
      this.madeUpValues.set(this.env.stackName, `the stack name ${this.env.stackName}, taken from the template's file name (--stack-name gives the real one)`);
      // The stack id holds the name: split on '-', its parts are as many as the guessed name's hyphens make them.
      this.madeUpValues.set(this.env.stackId, `the stack id ${this.env.stackId}, built on the stack name taken from the template's file name (--stack-name gives the real one)`);
    }
  }

  run(): ResolvedTemplate {
    this.readTransforms();
    this.stopOnIssues();
    const parameters = resolveParameters(this.source, this.options);
    this.secrets = new SecretMask(parameters.secrets);
    this.parameters = parameters.values;
    for (const issue of parameters.issues) this.findings.issues.push(issue);
    for (const warning of parameters.warnings) this.findings.warnings.push(warning);
    this.keptOnRefusal = parameters.keptOnRefusal;
    for (const [name, guess] of parameters.guessed) {
      const value = this.parameters.get(name);
      if (Array.isArray(value)) this.guessedLists.set(value, guess);
      for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string' && item !== '') this.guesses.set(item, guess);
    }
    // A value the parent made up stays one here, for this stack's own selects and for the stacks it nests in turn.
    for (const [name, what] of Object.entries(this.options.madeUpParameters ?? {})) {
      const value = this.parameters.get(name);
      for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string' && item !== '' && !this.guesses.has(item)) this.madeUpValues.set(item, what);
    }
    // A stack already deployed had its rules checked then; the service does not check them again.
    const rules = this.options.alreadyDeployed
      ? undefined
      : checkRulesSection(this.body, {
          declaredParameters: new Set(isJsonObject(own(this.body, 'Parameters')) ? Object.keys(own(this.body, 'Parameters') as object) : []),
          env: this.env,
          languageExtensions: this.languageExtensions,
          budget: this.budget,
        });
    for (const issue of rules?.issues ?? []) this.findings.issues.push(issue);
    this.stopOnIssues();
    if (rules) {
      // The service checks the rules after the parameters and before anything else: a false assertion stops here.
      const outcome = evaluateRules(rules.rules, { env: this.env, parameters: this.parameters, guessed: parameters.guessed, budget: this.budget });
      for (const issue of outcome.issues) this.findings.issues.push(issue);
      for (const warning of outcome.warnings) this.findings.warnings.push(warning);
      this.stopOnIssues();
    }
    const conditions = this.resolveConditions();
    const resources = this.resolveResources();
    const { outputs, notCreated, exports: exportedValues } = this.resolveOutputs();
    this.stopOnIssues();
    return {
      source: this.source,
      resources,
      parameters: parameters.shown,
      conditions,
      outputs,
      ...(Object.keys(notCreated).length > 0 ? { outputsNotCreated: notCreated } : {}),
      exports: exportedValues,
      imports: [...this.importNames],
      transforms: this.transforms,
      warnings: sortDiagnostics([...(this.source.warnings ?? []).map((warning) => this.secrets.diagnostic(warning)), ...this.locate(this.findings.warnings)]),
      secrets: this.secrets,
      standIns: { guessed: this.guesses, madeUp: this.madeUpValues },
    };
  }

  private locate(issues: readonly ResolveIssue[]): Diagnostic[] {
    // NoEcho values never appear in what is shown: every form of them is masked in every message.
    return sortDiagnostics(issues.map((issue) => this.secrets.diagnostic(locateIssue(this.source, issue))));
  }

  private stopOnIssues(): void {
    if (this.findings.issues.length === 0) return;
    // [choice] A refusal drops the run's warnings, but not a placeholder of --placeholder-parameters that selects no
    // entry of a mapping it is a key of: the refusal is likely that lookup's, and only the warning says why.
    throw new TemplateError(this.locate([...this.findings.issues, ...this.keptOnRefusal]));
  }

  private readTransforms(): void {
    // An include at the top level whose snippet was not inserted (nested/include-snippets.ts): never passed over.
    const topLevel = own(this.body, 'Fn::Transform');
    if (topLevel !== undefined) this.findings.issues.push(new ResolveIssue('RES_TRANSFORM', unexpandedTransformMessage(topLevel), '/Fn::Transform'));
    for (const { name, pointer, written } of transformEntries(this.body)) {
      const where = Where.at(pointer);
      if (name === undefined) {
        this.findings.issues.push(issueAt(where, 'RES_TRANSFORM', `Transform must name a transform (a string, or {Name, Parameters}), got ${describeShape(written)}`));
        continue;
      }
      this.transforms.push(name);
      if (name === LANGUAGE_EXTENSIONS) this.languageExtensions = true;
      else if (name === SERVERLESS) this.serverless = true;
      else if (name === INCLUDE) {
        // A local snippet was merged in before resolution (nested/include-snippets.ts): this one is only where the service reads.
        this.findings.issues.push(issueAt(where, 'RES_TRANSFORM', unexpandedTransformMessage(written)));
      } else {
        this.findings.issues.push(
          issueAt(
            where,
            'RES_TRANSFORM',
            `Transform ${name} is a macro that only the CloudFormation service can run; the simulator runs only ${LANGUAGE_EXTENSIONS} and ${INCLUDE} (with its snippets on this machine), and accepts ${SERVERLESS} unexpanded. Deploy once (or create a change set) and resolve the processed template instead: ${PROCESSED_TEMPLATE}`,
          ),
        );
      }
    }
  }

  /** A placeholder for an export nobody described, warned about once per export name. */
  private missingExport(name: string, where: Where): string {
    const value = placeholderExport(name, this.env);
    this.guesses.set(value, `the export ${name}, which was not given`);
    this.findings.warnOnce(
      'RES_IMPORT_VALUE_PLACEHOLDER',
      name,
      where,
      () => `Fn::ImportValue ${name}: no export of that name was given; using the placeholder ${JSON.stringify(value)} (describe the account's exports with --exports <file>, or refuse with --strict-parameters)`,
    );
    return value;
  }

  /** A placeholder for another stack's output (`Fn::GetStackOutput`), warned about once per stack and output. */
  private stackOutput(stackName: string, outputName: string, where: Where): string {
    const value = placeholderStackOutput(stackName, outputName);
    this.guesses.set(value, `the output ${outputName} of stack ${stackName}`);
    this.findings.warnOnce(
      'RES_STACK_OUTPUT_PLACEHOLDER',
      `${stackName}\0${outputName}`,
      where,
      () => `Fn::GetStackOutput: the output ${outputName} of stack ${stackName} is read from that stack at deploy time; using the placeholder ${JSON.stringify(value)} (refuse with --strict-parameters)`,
    );
    return value;
  }

  /** A placeholder for an SSM parameter that a `{{resolve:ssm:…}}` reference names and nobody gave. */
  private missingSsmParameter(name: string, reference: string, where: Where): string {
    const value = placeholderOfType('String', name, this.env);
    this.guesses.set(value, `SSM parameter ${name}, which was not given`);
    this.findings.warnOnce(
      'RES_DYNAMIC_REFERENCE_PLACEHOLDER',
      name,
      where,
      () => `${reference}: SSM parameter ${name} was not given; using the placeholder ${JSON.stringify(value)} (give it with --ssm-parameter ${name}=<value>, or refuse with --strict-parameters)`,
    );
    return value;
  }

  private context(block: Block, resources: ResourceReferences | undefined): EvaluationContext {
    const table = this.conditionTable;
    return {
      env: this.env,
      block,
      languageExtensions: this.languageExtensions,
      parameters: this.parameters,
      mappings: isJsonObject(own(this.body, 'Mappings')) ? (own(this.body, 'Mappings') as Record<string, unknown>) : undefined,
      exports: this.options.exports ?? {},
      imported: (name: string) => this.importNames.add(name),
      stackOutputs: this.options.stackOutputs ?? {},
      ...(this.options.strictParameters
        ? {}
        : { missingExport: (name: string, where: Where) => this.missingExport(name, where), stackOutput: (stack: string, output: string, where: Where) => this.stackOutput(stack, output, where) }),
      resources,
      condition: (name, where, depth) => {
        if (!table) throw issueAt(where, 'RES_UNKNOWN_CONDITION', `Template format error: Unresolved condition dependency ${name}: the template has no Conditions block`);
        return table.value(name, where, depth);
      },
      budget: this.budget,
      ...(this.options.strictParameters ? {} : { madeUp: this.madeUp() }),
    };
  }

  /** The made-up values of this stack, for `evaluate` (see `MadeUpValues`). */
  private madeUp(): MadeUpValues {
    return {
      describe: (value) => this.madeUpValues.get(value) ?? this.guesses.get(value),
      describeList: (list) => this.guessedLists.get(list),
      note: (value, what) => {
        if (!this.madeUpValues.has(value)) this.madeUpValues.set(value, what);
      },
      beyond: (where, position, parts, what) => {
        const value = placeholderPart(what, position);
        this.madeUpValues.set(value, what);
        // Warned about once per made-up value, as other placeholders are (a part of a part is the same value).
        this.findings.warnOnce(
          'RES_SELECT_PLACEHOLDER',
          what,
          where,
          () =>
            `Fn::Select index ${position} is beyond the ${parts} part${parts === 1 ? '' : 's'} of ${what}, a value the simulator made up without the part the template expects (the real value has its own shape); using the placeholder ${JSON.stringify(value)} instead of refusing (--strict-parameters refuses)`,
        );
        return value;
      },
      cidrBlock: (where, cidrBits, what) => {
        const value = placeholderCidrBlock(cidrBits <= 16 ? 'ipv4' : 'ipv6', what);
        this.madeUpValues.set(value, what);
        this.findings.warnOnce(
          'RES_CIDR_PLACEHOLDER',
          what,
          where,
          () => `Fn::Cidr of ${what}, a value the simulator made up that is no address block (the real value is one); using the placeholder ${value} instead of refusing (--strict-parameters refuses)`,
        );
        return value;
      },
    };
  }

  /**
   * Records a resource's `Ref` or attribute value as made up, unless the resource declares it itself (a `BucketName`
   * the template gives is the user's value, and splitting it is the template's own business).
   */
  private noteMadeUp(value: JsonValue | undefined, logicalId: string, attribute: string | undefined, facts: { readonly type: string; readonly properties: JsonObject }): JsonValue | undefined {
    // Called for every Ref and GetAtt: each value is judged once, and described only when it is made up.
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'string' || item === '' || this.madeUpValues.has(item) || this.declaredValues.has(item)) continue;
      if (Object.values(facts.properties).includes(item)) this.declaredValues.add(item);
      else this.madeUpValues.set(item, attribute === undefined ? `the Ref of ${logicalId} (${facts.type})` : `${logicalId}.${attribute} (${facts.type})`);
    }
    return value;
  }

  /**
   * An output of a nested stack as the parent reads it: a value the child stood in for stays one here (a guess a guess,
   * a made-up value made up), so a sibling's constraints and this stack's selects treat it as the child's would.
   */
  private noteNestedOutput(value: JsonValue, logicalId: string, output: string, standIns: StandIns | undefined): JsonValue {
    if (!standIns) return value;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'string' || item === '' || this.guesses.has(item) || this.madeUpValues.has(item)) continue;
      const guess = standInHeld(item, standIns.guessed);
      const madeUp = guess === undefined ? standInHeld(item, standIns.madeUp) : undefined;
      if (guess !== undefined) this.guesses.set(item, `${guess}, read back as output ${output} of nested stack ${logicalId}`);
      else if (madeUp !== undefined) this.madeUpValues.set(item, `${madeUp}, read back as output ${output} of nested stack ${logicalId}`);
    }
    return value;
  }

  /** Expands a section's loops (with AWS::LanguageExtensions) or reports a section of the wrong shape. */
  private sectionEntries(name: 'Conditions' | 'Resources' | 'Outputs'): ExpandedEntry[] {
    const section = own(this.body, name);
    if (section === undefined) return [];
    if (!isJsonObject(section)) {
      this.findings.issues.push(new ResolveIssue('RES_TEMPLATE_FORMAT', `Template format error: ${name} must be an object, got ${describeShape(section)}`, `/${name}`));
      return [];
    }
    const expanded = this.findings.attempt(() => expandSection(section, `/${name}`, this.languageExtensions ? this.context('Collection', undefined) : undefined)) ?? [];
    const entries = expanded.filter((entry) => this.withoutTransform(entry));
    if (name !== 'Conditions' && this.languageExtensions) this.checkQuota(name, entries.length);
    return entries;
  }

  /**
   * False, with the refusal, for an entry that is an `Fn::Transform` left in the template (a section's
   * `Fn::Transform: AWS::Include` key, or one in a declaration) whose snippet is not on this machine, or a macro: what
   * it would insert is unknown, so it is never passed over.
   */
  private withoutTransform(entry: ExpandedEntry): boolean {
    const [pointer, argument] =
      entry.key === 'Fn::Transform' ? [entry.pointer, entry.value] : isJsonObject(entry.value) && Object.hasOwn(entry.value, 'Fn::Transform') ? [`${entry.pointer}/Fn::Transform`, entry.value['Fn::Transform']] : [];
    if (pointer === undefined) return true;
    if (entry.key !== 'Fn::Transform') this.untransformed.add(entry.key);
    this.findings.issues.push(new ResolveIssue('RES_TRANSFORM', unexpandedTransformMessage(argument), pointer));
    return false;
  }

  /** The service applies its quotas to the template Fn::ForEach expands, with the same words as to the one written. */
  private checkQuota(section: 'Resources' | 'Outputs', count: number): void {
    const limits = this.source.limits === undefined ? CLOUDFORMATION_LIMITS : this.source.limits;
    if (limits === false) return;
    for (const exceeded of quotaExceeded({ [section]: count }, limits)) {
      this.findings.issues.push(new ResolveIssue('RES_LIMIT_EXCEEDED', `${exceeded.message} (after Fn::ForEach expansion)`, `/${section}`));
    }
  }

  private resolveConditions(): Record<string, boolean> {
    const definitions: ConditionDefinition[] = this.sectionEntries('Conditions').map((entry) => ({
      name: entry.key,
      expression: entry.value,
      pointer: entry.pointer,
    }));
    const table = new ConditionTable(definitions, () => this.context('Conditions', undefined));
    this.conditionTable = table;
    const values = table.evaluateAll();
    for (const issue of table.issues) this.findings.issues.push(issue);
    const out = Object.create(null) as Record<string, boolean>;
    for (const name of table.names()) {
      const value = values.get(name);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  private conditionHolds(name: unknown, where: Where): boolean | undefined {
    if (typeof name !== 'string') {
      this.findings.issues.push(issueAt(where, 'RES_TEMPLATE_FORMAT', `Condition must be the name of a condition, got ${describeShape(name)}`));
      return undefined;
    }
    return this.findings.attempt(() => (this.conditionTable as ConditionTable).value(name, where));
  }

  private resolveResources(): ResolvedResource[] {
    const section = own(this.body, 'Resources');
    if (!isJsonObject(section) || Object.keys(section).length === 0) {
      this.findings.issues.push(
        new ResolveIssue('RES_TEMPLATE_FORMAT', 'Template format error: At least one Resources member must be defined.', section === undefined ? '' : '/Resources'),
      );
      return [];
    }
    const included: DeclaredResource[] = [];
    const issuesBefore = this.findings.issues.length;
    const entries = this.withSamBucketEdits(this.sectionEntries('Resources'));
    if (entries.length === 0 && this.findings.issues.length === issuesBefore) {
      // Every Fn::ForEach ran over an empty collection: the processed template has no resource, which the service refuses.
      this.findings.issues.push(new ResolveIssue('RES_TEMPLATE_FORMAT', 'Template format error: At least one Resources member must be defined. (every Fn::ForEach here expands to nothing)', '/Resources'));
      return [];
    }
    entries.forEach((entry, index) => {
      const resource = this.declare(entry, index);
      if (!resource) return;
      const condition = own(resource.definition, 'Condition');
      if (condition !== undefined) {
        const holds = this.conditionHolds(condition, Where.at(`${entry.pointer}/Condition`));
        if (holds === undefined) {
          this.failed.add(resource.logicalId);
          return;
        }
        if (!holds) {
          this.removed.set(resource.logicalId, condition as string);
          return;
        }
      }
      included.push(resource);
    });
    this.reportUnrecognizedTypes();
    const dependencies = new Map<string, Set<string>>();
    for (const resource of included) {
      const found = this.findings.attempt(() => this.dependenciesOf(resource));
      dependencies.set(resource.logicalId, found ?? new Set());
    }
    this.stopOnIssues();
    const ordering = orderByDependencies(
      included.map((r) => r.logicalId),
      dependencies,
    );
    if (!ordering.ok) {
      const first = this.declared.get(ordering.cycle[0] as string) as DeclaredResource;
      // The service's text: the resources in brackets (here in the cycle's order, each depending on the next).
      this.findings.issues.push(new ResolveIssue('RES_DEPENDENCY_CYCLE', `Circular dependency between resources: [${listForMessage(ordering.cycle.slice(0, -1))}]`, first.pointer));
      this.stopOnIssues();
      return [];
    }
    const resolved: ResolvedResource[] = [];
    for (const logicalId of ordering.order) {
      const resource = this.declared.get(logicalId) as DeclaredResource;
      const result = this.findings.attempt(() => this.resolveResource(resource, dependencies.get(logicalId) ?? new Set()));
      if (result) resolved.push(result);
      else this.failed.add(logicalId);
    }
    return resolved;
  }

  /**
   * The Resources entries with the buckets SAM's `S3` events edit as the transform leaves them (samS3BucketEdits), so
   * the create request, the order, an update's diff and a change set's preview follow; an event SAM refuses is refused.
   */
  private withSamBucketEdits(entries: ExpandedEntry[]): ExpandedEntry[] {
    if (!this.serverless) return entries;
    const samGlobals = own(this.body, 'Globals');
    const edits = samS3BucketEdits(entries, isJsonObject(samGlobals) ? own(samGlobals, 'Function') : undefined, (name) => this.parameters.get(name));
    for (const refusal of edits.refusals) {
      this.findings.issues.push(
        new ResolveIssue('RES_TRANSFORM', `Transform ${SERVERLESS} failed with: Invalid Serverless Application Specification document. Number of errors found: ${edits.refusals.length}. ${refusal.message}`, refusal.pointer),
      );
    }
    this.samEditedBuckets = edits.editedBy;
    return entries.map((entry) => {
      const edited = edits.buckets.get(entry.key);
      return edited === undefined ? entry : { ...entry, value: edited };
    });
  }

  private declare(entry: ExpandedEntry, index: number): DeclaredResource | undefined {
    const where = Where.at(entry.pointer);
    if (!/^[A-Za-z0-9]+$/.test(entry.key)) {
      this.findings.issues.push(issueAt(where, 'RES_TEMPLATE_FORMAT', `Template format error: Resource name ${entry.key} is non alphanumeric.`));
      return undefined;
    }
    if (!isJsonObject(entry.value) || typeof own(entry.value, 'Type') !== 'string') {
      this.findings.issues.push(issueAt(where, 'RES_TEMPLATE_FORMAT', `Template format error: [${entry.pointer}] Every Resources object must contain a Type member (a string such as AWS::S3::Bucket).`));
      return undefined;
    }
    const type = entry.value.Type as string;
    if (isSamType(type) && !this.serverless) {
      this.findings.issues.push(
        issueAt(where.child('Type'), 'RES_TRANSFORM', `Template format error: Unrecognized resource types: [${type}]. AWS::Serverless::* types need "Transform: ${SERVERLESS}"`),
      );
      return undefined;
    }
    if (!isSamType(type) && !isRecognizedType(type, this.options.knownTypes ?? [])) {
      this.unrecognized.push({ type, where: where.child('Type') });
    }
    const resource: DeclaredResource = { logicalId: entry.key, pointer: entry.pointer, definition: entry.value, type, index };
    this.declared.set(entry.key, resource);
    return resource;
  }

  /**
   * The service refuses every template naming a type its registry does not have, in one message that lists them
   * all; it is reported at the first such resource.
   */
  private reportUnrecognizedTypes(): void {
    const first = this.unrecognized[0];
    if (!first) return;
    const types = [...new Set(this.unrecognized.map((u) => u.type))];
    this.findings.issues.push(issueAt(first.where, 'RES_UNRECOGNIZED_TYPE', `Template format error: Unrecognized resource types: [${types.join(', ')}]`));
  }

  private referenceScope(): ReferenceScope {
    const conditions = this.conditionTable as ConditionTable;
    return {
      isResource: (id) => this.declared.has(id) && !this.removed.has(id),
      conditionValue: (name) => {
        try {
          return conditions.value(name, Where.at(''));
        } catch {
          return undefined;
        }
      },
      computedName: (expr) => {
        try {
          const value = evaluate(expr, Where.at(''), this.context('Collection', undefined));
          return typeof value === 'string' ? value : undefined;
        } catch {
          return undefined;
        }
      },
      budget: this.budget,
    };
  }

  /** DependsOn plus the references in everything the service evaluates for a resource. */
  private dependenciesOf(resource: DeclaredResource): Set<string> {
    const found = new Set<string>();
    const where = Where.at(resource.pointer);
    const dependsOn = own(resource.definition, 'DependsOn');
    if (dependsOn !== undefined) {
      const targets = Array.isArray(dependsOn) ? dependsOn : [dependsOn];
      targets.forEach((target, i) => {
        const at = Array.isArray(dependsOn) ? where.child('DependsOn').child(i) : where.child('DependsOn');
        if (typeof target !== 'string') throw issueAt(at, 'RES_TEMPLATE_FORMAT', `DependsOn must be a logical id or a list of them, got ${describeShape(target)}`);
        const removedBy = this.removed.get(target);
        if (removedBy !== undefined) {
          throw issueAt(at, 'RES_REMOVED_RESOURCE', `Template format error: Unresolved resource dependencies [${target}] in the Resources block of the template: ${target} is not created because its condition ${removedBy} is false`);
        }
        if (this.untransformed.has(target)) return;
        if (!this.declared.has(target) && this.serverless) {
          // Like a Ref to it: a name SAM generates (MyFunctionRole, ServerlessRestApi), assumed to exist after expansion.
          this.noteSamReference(target, at);
          return;
        }
        if (!this.declared.has(target)) {
          throw issueAt(at, 'RES_UNRESOLVED_REFERENCE', `Template format error: Unresolved resource dependencies [${target}] in the Resources block of the template (DependsOn names no resource called ${target})`);
        }
        found.add(target);
      });
    }
    if (isPassedThrough(resource.type)) return found;
    const scope = this.referenceScope();
    for (const key of ['Properties', 'Metadata', 'CreationPolicy', 'UpdatePolicy', 'DeletionPolicy', 'UpdateReplacePolicy']) {
      const value = own(resource.definition, key);
      if (value !== undefined) collectReferences(value, where.child(key), scope, found);
    }
    return found;
  }

  private references(block: Block): ResourceReferences {
    const target = (logicalId: string, where: Where): CreatedResource | undefined => {
      const created = this.created.get(logicalId);
      if (created) return created;
      if (this.failed.has(logicalId)) throw new DependentFailure(logicalId);
      const removedBy = this.removed.get(logicalId);
      if (removedBy !== undefined) {
        throw issueAt(where, 'RES_REMOVED_RESOURCE', `Template format error: Unresolved resource dependencies [${logicalId}] in the ${block} block of the template: ${logicalId} is not created because its condition ${removedBy} is false; guard the reference with Fn::If [${removedBy}, …, !Ref AWS::NoValue]`);
      }
      if (this.declared.has(logicalId)) {
        throw issueAt(where, 'RES_UNRESOLVED_REFERENCE', `${logicalId} is referenced through a computed name whose dependency could not be determined before evaluation; reference it with a plain logical id`);
      }
      return undefined;
    };
    const samPlaceholder = (logicalId: string, where: Where): string | undefined => {
      if (!this.serverless) return undefined;
      this.noteSamReference(logicalId, where);
      return generatedName(this.env, logicalId, { maxLength: 255, alphabet: 'upper' });
    };
    return {
      ref: (logicalId, where) => {
        const resource = target(logicalId, where);
        if (!resource) return samPlaceholder(logicalId, where);
        return this.noteMadeUp(resource.physicalId, logicalId, undefined, resource.facts);
      },
      getAtt: (logicalId, attribute, where) => {
        // The attribute is checked against the declared type first, so a wrong name is reported even when the
        // resource itself could not be resolved.
        const declared = this.declared.get(logicalId);
        const valid = declared ? attributeNames(declared.type) : undefined;
        if (declared && valid && !acceptsAttribute(declared.type, attribute, own(declared.definition, 'Properties'))) {
          throw issueAt(
            where,
            'RES_UNKNOWN_ATTRIBUTE',
            `Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt; ${declared.type} has ${valid.length ? `only ${listForMessage(valid)}` : 'no attributes'}`,
          );
        }
        const resource = target(logicalId, where);
        if (!resource) {
          const placeholder = samPlaceholder(logicalId, where);
          return placeholder === undefined ? undefined : samGeneratedAttribute(this.env, logicalId, placeholder, attribute);
        }
        if (resource.nestedOutputs && attribute.startsWith('Outputs.')) {
          const name = attribute.slice('Outputs.'.length);
          if (Object.prototype.hasOwnProperty.call(resource.nestedOutputs, name)) return this.noteNestedOutput(resource.nestedOutputs[name] as JsonValue, logicalId, name, resource.nestedStandIns);
          const why = resource.nestedOutputsNotCreated && Object.hasOwn(resource.nestedOutputsNotCreated, name) ? resource.nestedOutputsNotCreated[name] : undefined;
          const detail = why === undefined ? `has no output ${name}` : `declares output ${name}, but the nested stack does not create it: ${why}`;
          throw issueAt(where, 'RES_UNKNOWN_ATTRIBUTE', `Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt: the nested stack's template ${resource.nestedFile ?? ''} ${detail}`);
        }
        const lookup = attributeOf(resource.facts, resource.physicalId, attribute);
        if (!lookup.found) throw issueAt(where, 'RES_UNKNOWN_ATTRIBUTE', `Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
        return this.noteMadeUp(lookup.value, logicalId, attribute, resource.facts);
      },
      anyShape: (logicalId, attribute) => {
        const declared = this.declared.get(logicalId);
        if (!declared) return this.serverless; // a name SAM generates: its attributes are not modelled
        return attributeNames(declared.type) === undefined && !(declared.type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.'));
      },
    };
  }

  /** Warns, once per name, that an undeclared logical id is taken to be one the SAM transform generates. */
  private noteSamReference(logicalId: string, where: Where): void {
    this.findings.warnOnce('RES_SAM_GENERATED_REFERENCE', logicalId, where, () => `${logicalId} is not declared; assuming ${SERVERLESS} generates it and using a placeholder value`);
  }

  /**
   * A property the type does not have: the service's property validation refuses it (its pre-deployment validation, and
   * the resource's own handler, with the text below), which the simulator does not run; a warning, so a typo such as
   * `VisibilityTimout` is not a silent CREATE_COMPLETE. [choice] Only top-level names are checked, against the
   * catalogue's lists (a superset of the registry schemas'), and only as a warning.
   */
  private noteUnknownProperties(resource: DeclaredResource, properties: JsonObject, where: Where): void {
    const known = propertyNames(resource.type);
    if (known === undefined) return;
    for (const key of Object.keys(properties)) {
      if (known.has(key)) continue;
      const near = closestName(key, [...known]);
      this.findings.warnings.push(
        new ResolveIssue(
          'RES_UNKNOWN_PROPERTY',
          `${key} is not a property of ${resource.type}${near ? ` (did you mean ${near}?)` : ''}: the service refuses it ("Properties validation failed for resource ${resource.logicalId} with message: #: extraneous key [${key}] is not permitted", or for an older type "Encountered unsupported property ${key}"); the simulator does not validate properties, so the run goes on`,
          where.child(key).pointer(),
          'warning',
        ),
      );
    }
  }

  private resolveResource(resource: DeclaredResource, dependencies: ReadonlySet<string>): ResolvedResource {
    const where = Where.at(resource.pointer);
    const { logicalId, definition, type } = resource;
    let properties: JsonObject;
    const rawProperties = own(definition, 'Properties');
    if (isPassedThrough(type)) {
      // Passed through untouched: SAM expands these in the service. Its expansion creates none of this project's hook's
      // targets but the queues found below, and edits the buckets S3 events name (applied in withSamBucketEdits);
      // another hook targeting what it creates is named by the run (SIM_HOOK_NOT_INVOKED).
      const samGlobals = own(this.body, 'Globals');
      const globals = type === 'AWS::Serverless::Function' && isJsonObject(samGlobals) ? own(samGlobals, 'Function') : undefined;
      const queues = samGeneratedQueues(resource.pointer, rawProperties, globals);
      const edited = this.samEditedBuckets.get(logicalId) ?? [];
      this.findings.warnings.push(
        new ResolveIssue(
          'RES_SAM_PASSTHROUGH',
          `${logicalId} (${type}) is passed through without ${SERVERLESS} expansion; the resources SAM would generate from it are not simulated${queues.length ? '' : ' (with these settings SAM generates no AWS::S3::Bucket or AWS::SQS::Queue)'}${edited.length ? `; its S3 events edit ${listForMessage(edited)} (NotificationConfiguration.LambdaConfigurations, and a dependency), which the simulator applies as SAM does` : ''}`,
          resource.pointer,
          'warning',
        ),
      );
      for (const setting of queues) {
        this.findings.warnings.push(
          new ResolveIssue(
            'RES_SAM_GENERATED_QUEUE',
            `with this setting SAM generates an AWS::SQS::Queue for ${logicalId}; the service would invoke the hook for that queue, but the simulator does not see it. Declare the queue in the template and reference it, or simulate the processed template (${PROCESSED_TEMPLATE})`,
            setting,
            'warning',
          ),
        );
      }
      properties = isJsonObject(rawProperties) ? (rawProperties as JsonObject) : emptyObject();
    } else {
      const context = this.context('Resources', this.references('Resources'));
      const evaluated = rawProperties === undefined ? emptyObject() : evaluate(rawProperties, where.child('Properties'), context);
      if (evaluated !== NO_VALUE && !isJsonObject(evaluated)) {
        throw issueAt(where.child('Properties'), 'RES_TEMPLATE_FORMAT', `Properties must be an object, got ${describeShape(evaluated)}`);
      }
      const object = evaluated === NO_VALUE ? emptyObject() : (evaluated as JsonObject);
      const missing = this.options.strictParameters ? undefined : (name: string, reference: string, at: Where) => this.missingSsmParameter(name, reference, at);
      properties = resolveDynamicReferences(object, where.child('Properties'), this.options.ssmParameters ?? {}, missing) as JsonObject;
      this.noteUnknownProperties(resource, object, where.child('Properties'));
    }
    if (type.endsWith('::MODULE')) {
      // A CloudFormation module (accepted with --known-type): the service expands it into the resources of its
      // fragment, and invokes hooks for those; the simulator has no fragment, so it must say what it cannot see.
      this.findings.warnings.push(
        new ResolveIssue(
          'RES_MODULE_NOT_EXPANDED',
          `${logicalId} (${type}) is a module: the service expands it into the resources of its fragment and invokes hooks for each of them (an AWS::S3::Bucket or AWS::SQS::Queue among them would be judged), but the simulator cannot expand it. Simulate the processed template instead: ${PROCESSED_TEMPLATE}`,
          resource.pointer,
          'warning',
        ),
      );
    }
    const separately = SEPARATE_STACK_TYPES[type];
    if (separately !== undefined) {
      // Stacks of their own, in accounts and regions the template names or the portfolio decides: hooks judge their
      // resources when those stacks are made, an operation this run does not see.
      this.findings.warnings.push(
        new ResolveIssue(
          'RES_SEPARATE_STACK',
          `${logicalId} (${type}) deploys ${separately} as stacks of their own; the account's hooks judge their resources when those stacks are created (an AWS::S3::Bucket or AWS::SQS::Queue among them would be judged), but this run does not simulate them. Simulate that template on its own`,
          resource.pointer,
          'warning',
        ),
      );
    }
    const facts: ResourceFacts = { env: this.env, logicalId, type, properties };
    const nested = this.nestedStack(resource, properties);
    const given = this.options.physicalIds;
    const physicalId = nested
      ? nested.stackId
      : given && Object.prototype.hasOwnProperty.call(given, logicalId)
        ? (given[logicalId] as string)
        : physicalIdFor(facts);
    const deletionPolicy = this.policy(resource, 'DeletionPolicy', DELETION_POLICIES);
    const updateReplacePolicy = this.policy(resource, 'UpdateReplacePolicy', UPDATE_REPLACE_POLICIES);
    const metadataValue = this.comparedAttribute(resource, 'Metadata');
    const creationPolicy = this.comparedAttribute(resource, 'CreationPolicy');
    const updatePolicy = this.comparedAttribute(resource, 'UpdatePolicy');
    this.created.set(logicalId, {
      facts,
      physicalId,
      ...(nested
        ? {
            nestedOutputs: nested.outputs,
            nestedFile: nested.file,
            ...(nested.outputsNotCreated ? { nestedOutputsNotCreated: nested.outputsNotCreated } : {}),
            ...(nested.standIns ? { nestedStandIns: nested.standIns } : {}),
          }
        : {}),
    });
    const metadata = own(definition, 'Metadata');
    const declaredPath = isJsonObject(metadata) ? own(metadata, 'aws:cdk:path') : undefined;
    const constructPath = typeof declaredPath === 'string' ? declaredPath : this.options.constructPaths?.[this.source.file]?.[logicalId];
    // Positions are looked up only when someone reads them: locating every resource of a big template up front
    // would cost more than resolving it.
    const source = this.source;
    let position: { line: number; column: number } | undefined;
    const locate = (): { line: number; column: number } => (position ??= source.locate(resource.pointer));
    return {
      logicalId,
      type,
      properties,
      dependsOn: [...dependencies].sort(),
      ...(deletionPolicy !== undefined ? { deletionPolicy } : {}),
      ...(updateReplacePolicy !== undefined ? { updateReplacePolicy } : {}),
      ...(metadataValue !== undefined ? { metadata: metadataValue } : {}),
      ...(creationPolicy !== undefined ? { creationPolicy } : {}),
      ...(updatePolicy !== undefined ? { updatePolicy } : {}),
      physicalId,
      ...(typeof constructPath === 'string' ? { constructPath } : {}),
      get line() {
        return locate().line;
      },
      get column() {
        return locate().column;
      },
    };
  }

  /** The nested stack a Stack/Application resource creates, resolved by the caller's resolver; undefined when not simulated. */
  private nestedStack(resource: DeclaredResource, properties: JsonObject): Extract<NestedStackResolution, { kind: 'simulated' }> | undefined {
    const resolver = this.options.nestedStacks;
    if (!resolver || !NESTED_STACK_TYPES.has(resource.type)) return undefined;
    const resolution = resolver({
      logicalId: resource.logicalId,
      type: resource.type,
      properties,
      metadata: own(resource.definition, 'Metadata') as JsonValue | undefined,
      parentStackName: this.env.stackName,
      ...this.standInsIn(own(properties, 'Parameters')),
      ...this.guessedLocation(resource.type === 'AWS::Serverless::Application' ? own(properties, 'Location') : own(properties, 'TemplateURL')),
    });
    if (resolution.kind === 'simulated') {
      this.warnOfBuiltLocalPath(resource, properties);
      return resolution;
    }
    const issue = new ResolveIssue(resolution.code ?? 'RES_NESTED_STACK', resolution.message, `${resource.pointer}${resolution.pointer}`, resolution.severity);
    if (resolution.severity === 'error') throw issue;
    this.findings.warnings.push(issue);
    return undefined;
  }

  /**
   * A child read from a local path that an intrinsic built (`TemplateURL: !Ref ChildPath`, given `child.yaml`): `aws
   * cloudformation package` rewrites only a literal path into an S3 URL, so the service would be handed the path and
   * refuse it. The simulator still reads the file (it is how a user points a run at the child), and says so.
   */
  private warnOfBuiltLocalPath(resource: DeclaredResource, properties: JsonObject): void {
    const key = resource.type === 'AWS::Serverless::Application' ? 'Location' : 'TemplateURL';
    const declared = own(resource.definition, 'Properties');
    const written = isJsonObject(declared) ? own(declared, key) : undefined;
    const value = own(properties, key);
    // A URL (an S3 one built from a bucket, as the CDK's nested stacks are) is the service's to read, not a path.
    if (typeof written === 'string' || typeof value !== 'string' || hasUrlScheme(value)) return;
    this.findings.warnings.push(
      new ResolveIssue(
        'RES_NESTED_STACK',
        `${resource.logicalId} (${resource.type}): its ${key} ${JSON.stringify(value)} is a local path an intrinsic built; aws cloudformation package rewrites only a literal path into an S3 URL, so the service would be given this path and refuse it (it takes an Amazon S3 URL). Read here as the local file`,
        `${resource.pointer}/Properties/${key}`,
        'warning',
      ),
    );
  }

  /**
   * The nested stack parameters whose values hold a value the simulator stood in for, with what it stands in for: an
   * input nobody gave (`guessedParameters`), or else a value made up for one of this stack's resources
   * (`madeUpParameters`).
   */
  private standInsIn(passed: unknown): { guessedParameters: Record<string, string>; madeUpParameters?: Record<string, string> } {
    const guessedParameters = this.passedHolding(passed, this.guesses);
    const madeUpParameters = this.passedHolding(passed, this.madeUpForNested());
    for (const key of Object.keys(guessedParameters)) delete madeUpParameters[key];
    return { guessedParameters, ...(Object.keys(madeUpParameters).length > 0 ? { madeUpParameters } : {}) };
  }

  /** The passed parameters whose values hold one of `standIns`, each with what the first it holds stands for. */
  private passedHolding(passed: unknown, standIns: ReadonlyMap<string, string>): Record<string, string> {
    const out = Object.create(null) as Record<string, string>;
    if (!isJsonObject(passed) || standIns.size === 0) return out;
    for (const key of Object.keys(passed)) {
      const value = passed[key];
      // A list is passed comma-joined; an item of it may be the stand-in.
      const texts = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : [JSON.stringify(value)];
      for (const text of texts) {
        const what = standInHeld(text, standIns);
        if (what !== undefined) {
          out[key] = `${what}, passed down by the parent stack ${this.env.stackName}`;
          break;
        }
      }
    }
    return out;
  }

  /**
   * A nested stack's location that holds a value the simulator stood in for (`TemplateURL: !Ref TemplateUrl`, with
   * no value given; `!Sub ${Settings.Bucket}/child.template`, a custom resource's attribute): there is no file to
   * read, and the service would be given a real URL.
   */
  private guessedLocation(location: unknown): { guessedLocation?: string } {
    if (typeof location !== 'string') return {};
    const guess = standInHeld(location, this.guesses);
    if (guess !== undefined) return { guessedLocation: guess };
    const what = standInHeld(location, this.madeUpForNested());
    return what === undefined ? {} : { guessedLocation: what };
  }

  /**
   * The made-up values a nested stack's parameters and location are searched for: all but a stack name taken from the
   * file name, which is a part of many values and paths (`app/child.yaml`) without standing in for anything there.
   */
  private madeUpForNested(): ReadonlyMap<string, string> {
    if (!this.options.stackNameGuessed || !this.madeUpValues.has(this.env.stackName)) return this.madeUpValues;
    const madeUp = new Map(this.madeUpValues);
    madeUp.delete(this.env.stackName);
    return madeUp;
  }

  private policy(resource: DeclaredResource, key: 'DeletionPolicy' | 'UpdateReplacePolicy', allowed: readonly string[]): string | undefined {
    const raw = own(resource.definition, key);
    if (raw === undefined) return undefined;
    const where = Where.at(resource.pointer).child(key);
    let value: unknown = raw;
    if (typeof raw !== 'string') {
      // [choice] The service's core language evaluates a few functions here without AWS::LanguageExtensions since
      // 2023 (aws/serverless-application-model#3317; cfn-lint#2784 by the CloudFormation team, whose E3035 lists them);
      // the transform's own list is wider. Another function is refused before it is evaluated.
      const call = this.languageExtensions ? undefined : recognizeCall(raw, POLICY_EXPRESSIONS);
      if (call?.known === false) {
        throw issueAt(
          where.child(call.name),
          'RES_TEMPLATE_FORMAT',
          `Unsupported expression for ${key} in resource ${resource.logicalId}: ${call.name}; without the ${LANGUAGE_EXTENSIONS} transform only ${listForMessage([...POLICY_EXPRESSIONS.names])} are evaluated here`,
        );
      }
      value = evaluate(raw, where, this.context('Resources', this.references('Resources')));
      // [unconfirmed] `!If [C, !Ref AWS::NoValue, Retain]` leaves the attribute out (the default policy), as
      // AWS::NoValue leaves a property out: no document says so, but a government service's SAM template under
      // AWS::LanguageExtensions has deployed it for months to its dev-like environments (govuk-one-login/ipv-cri-otg-hmrc
      // 52a98d7, "do not retain secrets in dev"). Read so without the transform too: refusing the whole template
      // would lose every verdict over an attribute no hook judges.
      if (value === NO_VALUE) return undefined;
    }
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw issueAt(where, 'RES_TEMPLATE_FORMAT', `${key} must be one of ${listForMessage(allowed)}, got ${describeShape(value)}`);
    }
    return value;
  }

  /**
   * A resource attribute no hook reads (Metadata, CreationPolicy, UpdatePolicy), as an update compares it: intrinsics
   * and conditions evaluated as in Properties (cfn-init's Metadata holds `!Ref`s and `!Sub`s), absent when it is not
   * declared or is `AWS::NoValue`. [choice] Never a reason to refuse the template or to warn: one that does not
   * evaluate here (a missing export, a reference the simulator cannot follow) is compared as written, and the
   * evaluation asks for no placeholder, so it adds no warning the Properties did not.
   */
  private comparedAttribute(resource: DeclaredResource, key: 'Metadata' | 'CreationPolicy' | 'UpdatePolicy'): JsonValue | undefined {
    const raw = own(resource.definition, key);
    if (raw === undefined) return undefined;
    const context: EvaluationContext = { ...this.context('Resources', this.references('Resources')), missingExport: undefined, stackOutput: undefined };
    try {
      const value = evaluate(raw, Where.at(resource.pointer).child(key), context);
      return value === NO_VALUE ? undefined : value;
    } catch {
      return raw as JsonValue;
    }
  }

  /**
   * An output's Export Name, evaluated and checked as the service checks it: given, made of letters, digits, colons
   * and hyphens, and depending on no resource, imported value or Fn::GetAZs (its value is needed before any resource
   * exists).
   */
  private exportName(output: string, exported: unknown, where: Where, context: EvaluationContext): JsonValue | typeof NO_VALUE {
    const malformed = (detail: string): never => {
      throw issueAt(where.child('Name'), 'RES_TEMPLATE_FORMAT', `Template format error: Output ${output} is malformed. The Name field of every Export member must be specified and consist only of alphanumeric characters, colons, or hyphens. (${detail})`);
    };
    if (!isJsonObject(exported) || exported.Name === undefined) {
      throw issueAt(where, 'RES_TEMPLATE_FORMAT', `Template format error: Output ${output} is malformed. The Name field of every Export member must be specified and consist only of alphanumeric characters, colons, or hyphens. (its Export has no Name)`);
    }
    const dependency = exportNameDependency(exported.Name, (name) => this.declared.has(name));
    if (dependency !== undefined) {
      throw issueAt(where.child('Name'), 'RES_TEMPLATE_FORMAT', `Template format error: Output ${output} is malformed. The Name field of Export must not depend on any resources, imported values, or Fn::GetAZs. (it uses ${dependency})`);
    }
    const name = evaluate(exported.Name, where.child('Name'), context);
    if (name === NO_VALUE) return name;
    if (typeof name !== 'string' || !/^[A-Za-z0-9:-]+$/.test(name)) malformed(`it is ${JSON.stringify(name)}`);
    return name;
  }

  private resolveOutputs(): { outputs: Record<string, JsonValue>; notCreated: Record<string, string>; exports: Record<string, JsonValue> } {
    const outputs = emptyObject();
    const notCreated: Record<string, string> = Object.create(null) as Record<string, string>;
    const exportedValues = emptyObject();
    const references = this.references('Outputs');
    // Export names in the order the outputs give them, to name the second of a pair as the service does.
    const exportNames = new Map<string, string>();
    for (const entry of this.sectionEntries('Outputs')) {
      const where = Where.at(entry.pointer);
      // [choice] the resource refusal's words for an output: the service's text for one is not recorded.
      if (!/^[A-Za-z0-9]+$/.test(entry.key)) this.findings.issues.push(issueAt(where, 'RES_TEMPLATE_FORMAT', `Template format error: Output name ${entry.key} is non alphanumeric.`));
      if (!isJsonObject(entry.value) || !Object.prototype.hasOwnProperty.call(entry.value, 'Value')) {
        this.findings.issues.push(issueAt(where, 'RES_TEMPLATE_FORMAT', `Template format error: Every Outputs member must contain a Value object (output ${entry.key})`));
        continue;
      }
      const definition = entry.value;
      const condition = own(definition, 'Condition');
      if (condition !== undefined && this.conditionHolds(condition, where.child('Condition')) !== true) {
        notCreated[entry.key] = `its Condition ${typeof condition === 'string' ? condition : JSON.stringify(condition)} is false for this stack`;
        continue;
      }
      this.findings.attempt(() => {
        const context = this.context('Outputs', references);
        const value = evaluate(definition.Value, where.child('Value'), context);
        const exported = own(definition, 'Export');
        const name = exported === undefined ? undefined : this.exportName(entry.key, exported, where.child('Export'), context);
        if (typeof name === 'string') {
          const first = exportNames.get(name);
          if (first !== undefined) {
            throw issueAt(where.child('Export').child('Name'), 'RES_TEMPLATE_FORMAT', `Template format error: The Outputs section contains duplicate Export names: [${name}]. Specify a unique name for each export. (${first} exports it too)`);
          }
          exportNames.set(name, entry.key);
        }
        if (value !== NO_VALUE) {
          setKey(outputs, this.secrets.text(entry.key), this.secrets.value(value));
          if (typeof name === 'string') setKey(exportedValues, this.secrets.text(name), this.secrets.value(value));
        } else {
          notCreated[entry.key] = 'its Value is AWS::NoValue';
        }
      });
    }
    return { outputs, notCreated, exports: exportedValues };
  }
}

/** Why an Export Name may not be what it is: it depends on a resource, an imported value or Fn::GetAZs; else undefined. */
function exportNameDependency(expr: unknown, isResource: (name: string) => boolean, depth = 0): string | undefined {
  if (depth > 64 || typeof expr !== 'object' || expr === null) return undefined;
  if (Array.isArray(expr)) {
    for (const item of expr) {
      const found = exportNameDependency(item, isResource, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const entries = Object.entries(expr as Record<string, unknown>);
  if (entries.length === 1) {
    const [[key, argument]] = entries as [[string, unknown]];
    if (key === 'Fn::GetAtt') return `Fn::GetAtt ${Array.isArray(argument) ? argument.join('.') : String(argument)}`;
    if (key === 'Fn::ImportValue') return 'Fn::ImportValue';
    if (key === 'Fn::GetAZs') return 'Fn::GetAZs';
    if (key === 'Ref' && typeof argument === 'string' && isResource(argument)) return `Ref ${argument}`;
    if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(argument) ? [argument[0], argument[1]] : [argument, undefined];
      const own = typeof variables === 'object' && variables !== null ? Object.keys(variables) : [];
      for (const match of typeof text === 'string' ? text.matchAll(/\$\{(?!!)([^}]+)\}/g) : []) {
        const variable = (match[1] ?? '').trim();
        if (own.includes(variable)) continue;
        const head = variable.split('.')[0] ?? '';
        if (isResource(head)) return `\${${variable}}`;
      }
      return exportNameDependency(variables, isResource, depth + 1);
    }
  }
  for (const [, value] of entries) {
    const found = exportNameDependency(value, isResource, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** SAM resources the simulator passes through unevaluated; an application is evaluated, as it becomes a nested stack. */
function isPassedThrough(type: string): boolean {
  return isSamType(type) && type !== 'AWS::Serverless::Application';
}
