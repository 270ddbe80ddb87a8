/**
 * Template parameters: their declared types and constraints, the values a user gives, and what `Ref`
 * returns for each. Messages reuse the service's own wording where it has one (`Parameters: [A] must have
 * values`), so a user who searches for them finds the real thing.
 */
import type { JsonObject, JsonValue } from '../../../src/kernel/protocol';
import { listForMessage, toPointer } from '../../../src/kernel/diagnostics';
import type { ResolveOptions, TemplateSource } from '../template/types';
import { placeholderList, placeholderOfType } from './account-values';
import { ResolveIssue } from './issues';
import { translateJavaPattern } from './java-regex';
import { allowedPatternCheck } from './pattern-safety';
import { valueMatching, type GeneratedValue } from './pattern-value';
import { stackEnvironment } from './stack-environment';
import { emptyObject, own, scalarText, setKey } from './values';
import { isJsonObject } from '../../../src/kernel/protocol';

/** A declared parameter, as the CLI shows it when a value is missing. */
export interface ParameterInfo {
  name: string;
  type: string;
  default?: string;
  noEcho: boolean;
  description?: string;
  allowedValues?: string[];
}

import { MASK } from './secret-mask';

const AWS_SPECIFIC_TYPES = new Set([
  'AWS::EC2::AvailabilityZone::Name',
  'AWS::EC2::Image::Id',
  'AWS::EC2::Instance::Id',
  'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::SecurityGroup::GroupName',
  'AWS::EC2::SecurityGroup::Id',
  'AWS::EC2::Subnet::Id',
  'AWS::EC2::Volume::Id',
  'AWS::EC2::VPC::Id',
  'AWS::Route53::HostedZone::Id',
]);

/**
 * What else `AWS::SSM::Parameter::Value<…>` may hold beyond String, lists and the AWS-specific types: cfn-lint's
 * VALID_PARAMETER_TYPES (src/cfnlint/helpers.py) lists these; the parameter reference does not.
 */
const SSM_VALUE_EXTRAS = new Set(['Number', 'List<Number>', 'AWS::SSM::Parameter::Name']);

/** How a declared type is read: a string or a list, numbers checked or not, values fetched from SSM or not. */
interface TypeShape {
  readonly list: boolean;
  readonly numeric: boolean;
  readonly ssm: boolean;
}

/** The shape of a parameter type, or undefined when the service would not recognise it. */
export function parameterTypeShape(type: string): TypeShape | undefined {
  const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type);
  if (ssm) {
    const inner = ssm[1] as string;
    if (inner === 'String' || inner === 'List<String>' || inner === 'CommaDelimitedList') {
      return { list: inner !== 'String', numeric: false, ssm: true };
    }
    const base = parameterTypeShape(inner);
    // The value given is a parameter name, so it is not checked as a number.
    return base && !base.ssm && (AWS_SPECIFIC_TYPES.has(inner) || /^List<AWS::/.test(inner) || SSM_VALUE_EXTRAS.has(inner)) ? { ...base, numeric: false, ssm: true } : undefined;
  }
  // Not in the parameter reference, but accepted (cfn-lint's VALID_PARAMETER_TYPES_LIST; the EKS Quick Start uses it).
  if (type === 'List<String>') return { list: true, numeric: false, ssm: false };
  if (type === 'String' || type === 'AWS::SSM::Parameter::Name' || AWS_SPECIFIC_TYPES.has(type)) return { list: false, numeric: false, ssm: false };
  if (type === 'Number') return { list: false, numeric: true, ssm: false };
  if (type === 'List<Number>') return { list: true, numeric: true, ssm: false };
  if (type === 'CommaDelimitedList') return { list: true, numeric: false, ssm: false };
  const list = /^List<(.+)>$/.exec(type);
  if (list && AWS_SPECIFIC_TYPES.has(list[1] as string)) return { list: true, numeric: false, ssm: false };
  return undefined;
}

/**
 * The items of a list parameter's value. The service trims each item of a `CommaDelimitedList` (and of the other
 * list types, whose documented examples read `sg-a123fd85, sg-b456fd85`): `"a, b"` is `["a", "b"]`. Trimmed as
 * Java's `String.trim` does (characters up to U+0020). An SSM-typed parameter's value is a parameter name, kept whole.
 */
function listItems(text: string, shape: TypeShape): string[] {
  const items = text.split(',');
  return shape.ssm ? items : items.map((item) => item.replace(JAVA_TRIM, ''));
}

/** What Java's `String.trim` removes from both ends. */
// eslint-disable-next-line no-control-regex
const JAVA_TRIM = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

function declarations(source: TemplateSource): Array<[string, Record<string, unknown>]> {
  const section = own(source.body, 'Parameters');
  if (!isJsonObject(section)) return [];
  return Object.keys(section).flatMap((name) => {
    const declaration = section[name];
    return isJsonObject(declaration) ? [[name, declaration] as [string, Record<string, unknown>]] : [];
  });
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === 'True';
}

function textList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item) => scalarText(item) ?? JSON.stringify(item));
}

/** Describes every declared parameter, in template order. */
export function describeParameters(source: TemplateSource): ParameterInfo[] {
  return declarations(source).map(([name, declaration]) => {
    const info: ParameterInfo = { name, type: scalarText(declaration.Type) ?? '', noEcho: isTrue(own(declaration, 'NoEcho')) };
    const fallback = defaultText(own(declaration, 'Default'));
    if (fallback !== undefined) info.default = fallback;
    const description = scalarText(own(declaration, 'Description'));
    if (description !== undefined) info.description = description;
    const allowed = textList(own(declaration, 'AllowedValues'));
    if (allowed) info.allowedValues = allowed;
    return info;
  });
}

/** A Default as the service reads it: always a string; a YAML list default for a list type is joined. */
function defaultText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map((item) => scalarText(item) ?? '').join(',');
  return scalarText(value);
}

/** The parameters of one stack: values for evaluation, values for display, and the secrets to mask. */
export interface ResolvedParameters {
  /** What `Ref` returns: a string, or a list of strings for list types. */
  readonly values: ReadonlyMap<string, JsonValue>;
  /** The same, with NoEcho values replaced by `****`. */
  readonly shown: JsonObject;
  /** NoEcho values (and their list items), to be masked wherever text is shown. */
  readonly secrets: readonly string[];
  readonly issues: readonly ResolveIssue[];
  /** Values the simulator stood in for (an SSM parameter nobody gave), named so the user can give them. */
  readonly warnings: readonly ResolveIssue[];
  /** The parameters whose values are such stand-ins, with what each stands in for (a rule over one is not evaluated). */
  readonly guessed: ReadonlyMap<string, string>;
  /**
   * The warnings of those `warnings` a refusal keeps: a placeholder that selects no entry of a mapping it is a key of,
   * whose Fn::FindInMap then refuses the run (only the warning says the key is a stand-in, and why no key fits).
   */
  readonly keptOnRefusal: readonly ResolveIssue[];
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Checks the given values against the declarations and computes what each parameter's `Ref` returns. */
export function resolveParameters(source: TemplateSource, options: ResolveOptions): ResolvedParameters {
  const issues: ResolveIssue[] = [];
  const warnings: ResolveIssue[] = [];
  const values = new Map<string, JsonValue>();
  const shown = emptyObject();
  const secrets: string[] = [];
  const guessed = new Map<string, string>();
  const section = own(source.body, 'Parameters');
  if (section !== undefined && !isJsonObject(section)) {
    issues.push(new ResolveIssue('RES_TEMPLATE_FORMAT', 'Template format error: Parameters must be an object of parameter declarations', '/Parameters'));
    return { values, shown, secrets, issues, warnings, guessed, keptOnRefusal: [] };
  }
  const declared = new Set<string>();
  const missing: string[] = [];
  // Asked only when a placeholder is needed: which mapping entries each parameter selects through Fn::FindInMap.
  let mappingLookups: ReadonlyMap<string, readonly MappingLookup[]> | undefined;
  let comparisons: ReadonlyMap<string, readonly string[]> | undefined;
  // --placeholder-parameters: why no placeholder fits a parameter that therefore stays missing.
  const unfitting: string[] = [];
  // The previous side of an update or change set: the deployed stack's values, known only as given (DeployedParameters).
  const previousSide = options.deployedParameters?.side === 'previous';
  const placeholderFor = (name: string, declaration: Record<string, unknown>, type: string, shape: TypeShape): Placeholder => {
    mappingLookups ??= mappingLookupsByParameter(source.body);
    comparisons ??= comparedLiterals(source.body);
    return parameterPlaceholder(name, declaration, type, shape, options, mappingLookups.get(name) ?? [], comparisons.get(name) ?? []);
  };
  const keptOnRefusal: ResolveIssue[] = [];
  for (const name of section ? Object.keys(section) : []) {
    declared.add(name);
    const pointer = toPointer(['Parameters', name]);
    const declaration = (section as Record<string, unknown>)[name];
    if (!/^[A-Za-z0-9]+$/.test(name)) {
      issues.push(new ResolveIssue('RES_TEMPLATE_FORMAT', `Template format error: Parameter name ${name} is non alphanumeric.`, pointer));
      continue;
    }
    if (!isJsonObject(declaration) || typeof own(declaration, 'Type') !== 'string') {
      issues.push(new ResolveIssue('RES_TEMPLATE_FORMAT', 'Template format error: Every Parameters object must contain a Type member.', pointer));
      continue;
    }
    const type = declaration.Type as string;
    const shape = parameterTypeShape(type);
    if (!shape) {
      issues.push(new ResolveIssue('RES_PARAMETER_TYPE', `Template format error: Unrecognized parameter type: ${type}`, `${pointer}/Type`));
      continue;
    }
    const given = Object.prototype.hasOwnProperty.call(options.parameters, name) ? options.parameters[name] : undefined;
    let text = given ?? defaultText(own(declaration, 'Default'));
    const noEcho = isTrue(own(declaration, 'NoEcho'));
    if (text === undefined && previousSide) {
      // The deployed stack has a value, which nobody gave here: a placeholder stands in, as the service never asks.
      const placeholder = options.strictParameters ? undefined : placeholderFor(name, declaration, type, shape);
      if (placeholder === undefined) {
        // --strict-parameters: refused below, with the others missing.
      } else if ('reason' in placeholder) unfitting.push(`${name}, as ${placeholder.reason}`);
      else {
        text = placeholder.value;
        warnings.push(
          new ResolveIssue(
            'RES_DEPLOYED_PARAMETER',
            `the deployed stack's parameter '${name}' has no value here and no Default: the stack keeps the value it was deployed with, which the simulator does not know; using the placeholder ${JSON.stringify(text)} (give it with --previous-parameter ${name}=<value>, or refuse with --strict-parameters)`,
            pointer,
            'warning',
          ),
        );
        guessed.set(name, `a placeholder for the deployed stack's value (give it with --previous-parameter ${name}=<value>)`);
      }
    }
    if (text === undefined && options.placeholderParameters && !previousSide) {
      // --placeholder-parameters: a whole repository's templates are deployed with values kept elsewhere.
      const placeholder = placeholderFor(name, declaration, type, shape);
      if ('reason' in placeholder) unfitting.push(`${name}, as ${placeholder.reason}`);
      else {
        text = placeholder.value;
        // A placeholder that selects no entry of some mapping makes that Fn::FindInMap refuse the run: its warning,
        // kept with the refusal, says why no key was found.
        const miss =
          placeholder.keyMiss !== undefined
            ? `; it is a key of Fn::FindInMap, but ${placeholder.keyMiss}`
            : placeholder.compared
              ? '; a value its Conditions compare it with in Fn::Equals, so they take a branch a real value takes'
              : '';
        const warning = new ResolveIssue(
          'RES_PARAMETER_PLACEHOLDER',
          `parameter '${name}' (${type}) has no value and no Default; using the placeholder ${JSON.stringify(text)} (--placeholder-parameters${miss}; give it with --parameter ${name}=<value>)`,
          pointer,
          'warning',
        );
        warnings.push(warning);
        if (placeholder.keyMiss !== undefined) keptOnRefusal.push(warning);
        // A rule that reads it is not evaluated: the service would judge the real value, not this one.
        guessed.set(name, `a placeholder of --placeholder-parameters (give it with --parameter ${name}=<value>)`);
      }
    }
    if (text === undefined) {
      missing.push(name);
      continue;
    }
    let where = given !== undefined ? pointer : `${pointer}/Default`;
    let problems = checkConstraints(name, declaration, shape, text, noEcho, (message, key) =>
      warnings.push(new ResolveIssue('RES_PARAMETER_PATTERN_UNCHECKED', message, `${pointer}/${key}`, 'warning')),
    );
    if (problems.length > 0 && previousSide && given !== undefined) {
      const deployedValue = deployedValueFor(name, declaration, type, shape, { given: text, problems, noEcho, pointer, borrowed: options.deployedParameters?.borrowed?.has(name) === true, strict: options.strictParameters === true, placeholderFor });
      for (const issue of deployedValue.warnings) warnings.push(issue);
      if ('refusal' in deployedValue) {
        issues.push(deployedValue.refusal);
        continue;
      }
      if (deployedValue.text !== text) {
        text = deployedValue.text;
        where = deployedValue.where;
        guessed.set(name, `a stand-in for the deployed stack's value (give it with --previous-parameter ${name}=<value>)`);
      }
      problems = [];
    }
    // What the parent's value passed here stands in for, if anything (the maps' values are descriptions).
    const passedGuess = given === undefined || !options.guessedParameters ? undefined : (own(options.guessedParameters, name) as string | undefined);
    const passedMadeUp = given === undefined || !options.madeUpParameters ? undefined : (own(options.madeUpParameters, name) as string | undefined);
    const standIn = passedGuess ?? passedMadeUp;
    if (problems.length > 0 && standIn !== undefined && !options.strictParameters) {
      // [choice] A parent's stand-in has the simulator's shape, not the real value's: the constraint is not judged on
      // it (the same net as RES_SELECT_PLACEHOLDER), with a warning; --strict-parameters refuses.
      for (const [message, key] of problems) {
        const why = `${message}; the simulator stood in for this value (${standIn}), and the real value has its own shape: going on with it instead of refusing (--strict-parameters refuses)`;
        warnings.push(new ResolveIssue('RES_PARAMETER_CONSTRAINT_PLACEHOLDER', why, key ? `${pointer}/${key}` : where, 'warning'));
      }
    } else if (problems.length > 0) {
      for (const [message, key] of problems) issues.push(new ResolveIssue('RES_PARAMETER_CONSTRAINT', message, key ? `${pointer}/${key}` : where));
      continue;
    }
    let value: JsonValue = shape.list ? listItems(text, shape) : text;
    if (shape.ssm) {
      const stored = options.ssmParameters && Object.prototype.hasOwnProperty.call(options.ssmParameters, text) ? options.ssmParameters[text] : undefined;
      if (stored === undefined && options.strictParameters) {
        issues.push(
          new ResolveIssue(
            'RES_PARAMETER_SSM',
            `Unable to fetch parameters [${text}] from parameter store for this account (parameter '${name}' has type ${type}; give the value with --ssm-parameter ${text}=<value> or in an --ssm file)`,
            where,
          ),
        );
        continue;
      }
      if (stored === undefined) {
        value = ssmPlaceholder(type, text, shape.list, options);
        warnings.push(
          new ResolveIssue(
            'RES_PARAMETER_SSM_PLACEHOLDER',
            `parameter '${name}' (${type}) reads SSM parameter ${text}, which was not given; using the placeholder ${JSON.stringify(Array.isArray(value) ? value.join(',') : value)} (give the value with --ssm-parameter ${text}=<value>, or refuse with --strict-parameters)`,
            where,
            'warning',
          ),
        );
        guessed.set(name, `SSM parameter ${text}, which was not given (give it with --ssm-parameter ${text}=<value>)`);
      } else value = shape.list ? stored.split(',') : stored;
    }
    values.set(name, value);
    if (passedGuess !== undefined && !guessed.has(name)) guessed.set(name, passedGuess);
    if (noEcho) {
      // A placeholder the simulator made up is no secret: masking its text (`placeholder`) would mask that word in
      // every message, other parameters' placeholders included.
      const madeUp = guessed.has(name) && given === undefined;
      for (const secret of madeUp ? [] : Array.isArray(value) ? [...value.map(String), value.join(',')] : [value]) {
        if (typeof secret === 'string' && secret !== '') secrets.push(secret);
      }
      setKey(shown, name, MASK);
    } else {
      setKey(shown, name, value);
    }
  }
  if (missing.length > 0) {
    issues.push(new ResolveIssue('RES_MISSING_PARAMETER', missingValues(missing, unfitting, options), toPointer(['Parameters', missing[0] as string])));
  }
  const unknown = Object.keys(options.parameters).filter((name) => !declared.has(name));
  if (unknown.length > 0) {
    issues.push(
      new ResolveIssue('RES_UNKNOWN_PARAMETER', `Parameters: [${listForMessage(unknown)}] do not exist in the template`, section ? '/Parameters' : ''),
    );
  }
  return { values, shown, secrets, issues, warnings, guessed, keptOnRefusal };
}

/**
 * Parameters with no value: the service's words for a stack being created; for a deployed stack, that it keeps the
 * values it was deployed with, which are not known here, and how to give them (DeployedParameters). With why no
 * placeholder fits, when one was looked for (the refusal drops warnings).
 */
function missingValues(missing: readonly string[], unfitting: readonly string[], options: ResolveOptions): string {
  const names = listForMessage(missing);
  const first = missing[0] as string;
  const keeps = 'the stack keeps the values it was deployed with, which the simulator does not know';
  switch (options.deployedParameters?.side) {
    case 'deleted': {
      const why = unfitting.length > 0 ? ` (--placeholder-parameters found no value for ${unfitting.join('; for ')})` : '';
      const standIn = why === '' ? ', or stand in for them with --placeholder-parameters' : '';
      return `the deployed stack's parameters [${names}] have no value here: a delete takes none, and ${keeps}${why}; give them with --parameter ${first}=<value>${standIn}`;
    }
    case 'previous': {
      const why = options.strictParameters ? ', and --strict-parameters refuses a placeholder for them' : `, and no placeholder fits ${unfitting.join('; nor ')}`;
      return `the deployed stack's parameters [${names}] have no value here: ${keeps}${why}; give them with --previous-parameter ${first}=<value>`;
    }
    default: {
      const why = unfitting.length > 0 ? ` (--placeholder-parameters found no value for ${unfitting.join('; for ')})` : '';
      return `Parameters: [${names}] must have values${why}`;
    }
  }
}

/** What the previous side uses for a value its deployed declaration does not allow: a stand-in, or a refusal. */
type DeployedValue = { readonly text: string; readonly where: string; readonly warnings: ResolveIssue[] } | { readonly refusal: ResolveIssue; readonly warnings: ResolveIssue[] };

/**
 * A value for the deployed stack of an update that its own declaration does not allow. The service never checks it
 * again, so it is not refused as CreateStack would. One borrowed from the new side (no --previous-parameter) was
 * never the deployed value: the old Default stands in when it fits, else a placeholder, with a warning at the broken
 * constraint; `strict` refuses, naming --previous-parameter. [choice] One given for the deployed stack is used as
 * given, with a warning.
 */
function deployedValueFor(
  name: string,
  declaration: Record<string, unknown>,
  type: string,
  shape: TypeShape,
  context: {
    given: string;
    problems: ReadonlyArray<[string, string | undefined]>;
    noEcho: boolean;
    pointer: string;
    borrowed: boolean;
    strict: boolean;
    placeholderFor: (name: string, declaration: Record<string, unknown>, type: string, shape: TypeShape) => Placeholder;
  },
): DeployedValue {
  const { problems, noEcho, pointer } = context;
  const [message, key] = problems[0] as [string, string | undefined];
  const at = key ? `${pointer}/${key}` : pointer;
  const broken = problems.map(([m]) => m).join('; ');
  const giveIt = `--previous-parameter ${name}=<value>`;
  if (!context.borrowed) {
    const warning = `${broken}: used as given for the deployed stack, whose values the service never checks again (its template may have been changed since it was deployed)`;
    return { text: context.given, where: pointer, warnings: [new ResolveIssue('RES_DEPLOYED_PARAMETER', warning, at, 'warning')] };
  }
  const borrowedWhy = `the value is the new one (the deployed stack borrows the new values when --previous-parameter gives none), which the deployed stack's declaration does not allow, and the stack keeps the value it was deployed with, which the simulator does not know`;
  if (context.strict) return { refusal: new ResolveIssue('RES_PARAMETER_CONSTRAINT', `${message}: ${borrowedWhy}; give it with ${giveIt}`, at), warnings: [] };
  const fallback = defaultText(own(declaration, 'Default'));
  const fits = (text: string): boolean => checkConstraints(name, declaration, shape, text, noEcho, () => undefined).length === 0;
  const standIn: { text: string; what: string; where: string } | { reason: string } =
    fallback !== undefined && fits(fallback)
      ? { text: fallback, what: 'its Default', where: `${pointer}/Default` }
      : ((placeholder) => ('reason' in placeholder ? placeholder : { text: placeholder.value, what: 'the placeholder', where: pointer }))(context.placeholderFor(name, declaration, type, shape));
  if ('reason' in standIn) return { refusal: new ResolveIssue('RES_PARAMETER_CONSTRAINT', `${message}: ${borrowedWhy}, and no placeholder fits, as ${standIn.reason}; give it with ${giveIt}`, at), warnings: [] };
  const shown = noEcho && standIn.what === 'its Default' ? MASK : JSON.stringify(standIn.text);
  const warning = `${broken}: ${borrowedWhy}; using ${standIn.what} ${shown} (give it with ${giveIt}, or refuse with --strict-parameters)`;
  return { text: standIn.text, where: standIn.where, warnings: [new ResolveIssue('RES_DEPLOYED_PARAMETER', warning, at, 'warning')] };
}

/**
 * A placeholder a declaration accepts, or why none was found. `keyMiss`: the parameter selects mapping entries, but
 * the placeholder selects none in some mapping, and why no value that would was taken.
 */
type Placeholder = { readonly value: string; readonly keyMiss?: string; readonly compared?: true } | { readonly reason: string };

/**
 * A value for a parameter nobody gave, that its declaration accepts (--placeholder-parameters). Readable candidates
 * first: any of its AllowedValues; for a number, its MinValue or 1; for an AWS-specific type, an id of that shape;
 * for an SSM type, a parameter name (whose value then gets the SSM placeholder); else `placeholder-<name>` and a few
 * shapes AllowedPatterns often ask for. Then, without AllowedValues, a value made from its AllowedPattern
 * (pattern-value.ts), spelling the first candidate where the pattern allows (each item, for a list). Every value is
 * judged as a given one would be (checkConstraints). None: the parameter stays missing, and the reason is said.
 */
function parameterPlaceholder(
  name: string,
  declaration: Record<string, unknown>,
  type: string,
  shape: TypeShape,
  options: ResolveOptions,
  lookups: readonly MappingLookup[],
  compared: readonly string[],
): Placeholder {
  const accepts = (text: string): boolean => checkConstraints(name, declaration, shape, text, false, () => undefined).length === 0;
  const allowed = textList(own(declaration, 'AllowedValues'));
  const env = stackEnvironment(options);
  const itemType = /^List<(.+)>$/.exec(type)?.[1] ?? type;
  const candidates: string[] = [];
  // A parameter that selects a mapping entry (`!FindInMap [Map, !Ref P, Key]`, `[Map, !Sub 'app-${P}', Key]`) is
  // deployed with a value that makes one of the mapping's keys: a made-up value would be refused as a missing mapping
  // key, which the real deployment never meets. [choice] A value that selects an entry in every lookup it is a key of
  // is taken when its constraints allow one; else the values of each lookup come first (its AllowedValues that are
  // among them, when it has AllowedValues), and the warning says why none selects an entry everywhere. Scalar types
  // only (a list is never a key).
  const keyed = shape.list ? [] : lookups;
  const sets = keyed.map((lookup) => new Set(lookup.values));
  const everywhere = (keyed[0]?.values ?? []).filter((value) => sets.every((set) => set.has(value)));
  const fitting = everywhere.find(accepts);
  if (fitting !== undefined) return { value: fitting };
  const anywhere = [...new Set(keyed.flatMap((lookup) => lookup.values))];
  for (const key of allowed && allowed.length > 0 ? anywhere.filter((key) => allowed.includes(key)) : anywhere) candidates.push(key);
  // [choice] A parameter its Conditions compare with literals (`!Equals [!Ref RetainTables, 'true']`) is deployed
  // with one of them as often as not: a made-up value makes every such condition false, which no real value may, and
  // the resources under them go unjudged. The first literal its constraints allow is taken, after mapping keys.
  const comparedFirst = shape.list ? [] : allowed && allowed.length > 0 ? compared.filter((value) => allowed.includes(value)) : compared;
  for (const value of comparedFirst) candidates.push(value);
  if (allowed && allowed.length > 0) for (const value of allowed) candidates.push(value);
  else if (shape.ssm) candidates.push(`/placeholder/${name}`);
  else if (shape.numeric) candidates.push(scalarText(own(declaration, 'MinValue')) ?? scalarText(own(declaration, 'MaxValue')) ?? '1', '1', '0');
  else if (AWS_SPECIFIC_TYPES.has(itemType)) candidates.push(shape.list ? placeholderList(itemType, name, env).join(',') : placeholderOfType(itemType, name, env));
  else {
    const min = Number(scalarText(own(declaration, 'MinLength')) ?? 0);
    const plain = `placeholder-${name.toLowerCase()}`;
    // A list gets three items, as the AWS-specific lists do (templates Fn::Select a second or third subnet), each
    // alphanumeric: an `Fn::ForEach` over the list names resources after its items, and a logical id is alphanumeric.
    if (shape.list) candidates.push([1, 2, 3].map((i) => `${plain.replace(/[^a-z0-9]/g, '')}${i}`).join(','));
    candidates.push(plain, name.toLowerCase(), 'placeholder', 'x'.repeat(Math.max(1, Math.min(min, 4096))));
    // Shapes AllowedPatterns often ask for: an account id, a region, a network, names, ARNs, an organization id; last,
    // the empty string an optional parameter's pattern allows (`^$|…`).
    candidates.push(env.accountId, env.region, '1', '10.0.0.0/16', 'example.com', 'user@example.com', `arn:${env.partition}:iam::${env.accountId}:role/placeholder`, 'o-aaaaaaaaaa', '');
  }
  const keyMiss = keyed.length > 0 ? whyNoKeyFits(keyed, everywhere) : undefined;
  const found = candidates.find(accepts);
  if (found !== undefined) return { value: found, ...(keyMiss !== undefined ? { keyMiss } : {}), ...(keyMiss === undefined && comparedFirst.includes(found) ? { compared: true as const } : {}) };
  if (allowed && allowed.length > 0) return { reason: 'none of its AllowedValues fits its other constraints' };
  const pattern = scalarText(own(declaration, 'AllowedPattern'));
  const translated = pattern === undefined ? undefined : translateJavaPattern(pattern);
  if (pattern === undefined || !translated?.ok) return { reason: `none of the placeholders tried fits its ${lengthKeys(shape)}` };
  const lengths = shape.list || shape.numeric ? {} : { minLength: numberOf(declaration, 'MinLength'), maxLength: numberOf(declaration, 'MaxLength') };
  const firsts = shape.list ? (candidates[0] as string).split(',') : [candidates[0] as string];
  const items: string[] = [];
  for (const first of firsts) {
    // The first candidate spelled where the pattern allows; then mixed-case hints, for a password's lookaheads.
    const tries = [first, ...MIXED_HINTS].map((hint) => valueMatching(translated.regex, { ...lengths, hint }));
    const made = tries.find((t) => t.ok) ?? (tries[0] as GeneratedValue);
    if (!made.ok) return { reason: `no value of its AllowedPattern ${pattern} was found: ${made.reason}` };
    items.push(made.value);
  }
  const value = items.join(',');
  return accepts(value) ? { value, ...(keyMiss !== undefined ? { keyMiss } : {}) } : { reason: `the value made from its AllowedPattern ${pattern}, ${JSON.stringify(value)}, breaks its other constraints` };
}

/** One `Fn::FindInMap` key a parameter makes: the values of the parameter that select an entry of the mapping. */
interface MappingLookup {
  /** Where the key is looked up, for a message: `mapping M`, `mapping M under London`. */
  readonly where: string;
  /** The key as a message shows it: `app-${Env}`. */
  readonly form: string;
  /** The parameter values that select an entry, in the mapping's order. */
  readonly values: readonly string[];
}

/** A key made of literal text around one parameter's value: `!Ref P`, `!Sub 'app-${P}'`, `!Join ['-', [app, !Ref P]]`. */
interface KeyForm {
  readonly parameter: string;
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * For each parameter some `Fn::FindInMap` selects a mapping entry with (`[Map, <key>, …]` or `[Map, Key, <key>]`, the
 * map named literally, the key a `KeyForm`), each such lookup with the parameter values that select an entry, in the
 * mapping's order: the top-level keys, or the second-level keys under the literal first key (under every first key
 * when that is not literal), that have the key's literal prefix and suffix, without them. Only Resources, Outputs,
 * Conditions and Rules are read, with an explicit stack (the reader has already bounded the depth).
 */
function mappingLookupsByParameter(body: JsonObject): ReadonlyMap<string, readonly MappingLookup[]> {
  const found = new Map<string, MappingLookup[]>();
  const mappings = own(body, 'Mappings');
  if (!isJsonObject(mappings)) return found;
  const add = (form: KeyForm, where: string, keys: readonly string[]): void => {
    const lookups = found.get(form.parameter) ?? [];
    // The same lookup in many resources is one.
    if (lookups.some((lookup) => lookup.where === where && lookup.form === formText(form))) return;
    const values = new Set<string>();
    for (const key of keys) {
      if (key.length < form.prefix.length + form.suffix.length || !key.startsWith(form.prefix) || !key.endsWith(form.suffix)) continue;
      values.add(key.slice(form.prefix.length, key.length - form.suffix.length));
    }
    found.set(form.parameter, [...lookups, { where, form: formText(form), values: [...values] }]);
  };
  const pending: JsonValue[] = ['Resources', 'Outputs', 'Conditions', 'Rules'].map((section) => (own(body, section) as JsonValue | undefined) ?? null);
  while (pending.length > 0) {
    const value = pending.pop() as JsonValue;
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    if (!isJsonObject(value)) continue;
    const call = own(value, 'Fn::FindInMap');
    if (Array.isArray(call) && typeof call[0] === 'string') {
      const map = own(mappings, call[0]);
      if (isJsonObject(map)) {
        const first = keyForm(call[1]);
        if (first !== undefined) add(first, `mapping ${call[0]}`, Object.keys(map));
        const second = keyForm(call[2]);
        if (second !== undefined) {
          const literal = typeof call[1] === 'string';
          const entries = literal ? [own(map, call[1] as string)] : Object.keys(map).map((key) => map[key]);
          add(second, `mapping ${call[0]} under ${literal ? (call[1] as string) : 'any key'}`, entries.flatMap((entry) => (isJsonObject(entry) ? Object.keys(entry) : [])));
        }
      }
    }
    for (const key of Object.keys(value)) pending.push(value[key] as JsonValue);
  }
  return found;
}

/**
 * The literals each parameter is compared with in an `Fn::Equals` of the Conditions or Rules (`[{Ref: P}, 'true']`,
 * either way round; a number as its text), in the order written, each once.
 */
function comparedLiterals(body: JsonObject): ReadonlyMap<string, readonly string[]> {
  const found = new Map<string, string[]>();
  const literal = (value: JsonValue | undefined): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined);
  const referenced = (value: JsonValue | undefined): string | undefined => {
    const ref = isJsonObject(value) ? own(value, 'Ref') : undefined;
    return isJsonObject(value) && Object.keys(value).length === 1 && typeof ref === 'string' ? ref : undefined;
  };
  const pending: JsonValue[] = ['Conditions', 'Rules'].map((section) => (own(body, section) as JsonValue | undefined) ?? null);
  // Depth-first in the order written (the stack holds the rest reversed).
  pending.reverse();
  while (pending.length > 0) {
    const value = pending.pop() as JsonValue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) pending.push(value[i] as JsonValue);
      continue;
    }
    if (!isJsonObject(value)) continue;
    const equals = own(value, 'Fn::Equals');
    if (Array.isArray(equals) && equals.length === 2) {
      for (const [a, b] of [[equals[0], equals[1]], [equals[1], equals[0]]] as const) {
        const name = referenced(a);
        const text = literal(b);
        if (name === undefined || text === undefined) continue;
        const list = found.get(name) ?? [];
        if (!list.includes(text)) found.set(name, [...list, text]);
      }
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i -= 1) pending.push(value[keys[i] as string] as JsonValue);
  }
  return found;
}

/** Why no value of a parameter selects an entry in every mapping lookup it is a key of (`everywhere`: those that would). */
function whyNoKeyFits(lookups: readonly MappingLookup[], everywhere: readonly string[]): string {
  const none = lookups.filter((lookup) => lookup.values.length === 0);
  if (none.length > 0) return none.map((lookup) => `no key of ${lookup.where} has the form ${lookup.form}`).join(', and ');
  if (everywhere.length === 0) return `no value selects an entry in every mapping it is a key of (${lookups.map((lookup) => `${lookup.where}: ${listForMessage([...lookup.values])}`).join('; ')})`;
  return `its constraints allow none of the values that select an entry (${listForMessage([...everywhere])})`;
}

/** A key form as a message shows it: `app-${Env}`. */
function formText(form: KeyForm): string {
  return `${form.prefix}\${${form.parameter}}${form.suffix}`;
}

/**
 * The key form of a written `Fn::FindInMap` key, or undefined when it is not literal text around one parameter: `{Ref:
 * P}`; `{Fn::Sub: 'app-${P}'}` (one variable, a name without a dot, `${!…}` literal; a variable map must not name it);
 * `{Fn::Join: [d, [text…, <key form>, text…]]}` (strings and one key form, written as a list).
 */
function keyForm(value: JsonValue | undefined): KeyForm | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  if (keys[0] === 'Ref') return typeof value.Ref === 'string' && !value.Ref.startsWith('AWS::') ? { parameter: value.Ref, prefix: '', suffix: '' } : undefined;
  if (keys[0] === 'Fn::Sub') {
    const argument = value['Fn::Sub'];
    const [text, variables] = typeof argument === 'string' ? [argument, {}] : Array.isArray(argument) && argument.length === 2 ? argument : [undefined, undefined];
    if (typeof text !== 'string' || !isJsonObject(variables)) return undefined;
    // `${!X}` is the literal `${X}`; any other `${…}` is a variable.
    const parts = text.split(/(\$\{[^}]*\})/);
    let form: { parameter: string; prefix: string } | undefined;
    let literal = '';
    for (const part of parts) {
      const variable = /^\$\{(.*)\}$/.exec(part)?.[1];
      if (variable === undefined) literal += part;
      else if (variable.startsWith('!')) literal += `\${${variable.slice(1)}}`;
      else if (form !== undefined || !/^[A-Za-z0-9]+$/.test(variable) || own(variables, variable) !== undefined) return undefined;
      else {
        form = { parameter: variable, prefix: literal };
        literal = '';
      }
    }
    return form && { ...form, suffix: literal };
  }
  if (keys[0] === 'Fn::Join') {
    const argument = value['Fn::Join'];
    if (!Array.isArray(argument) || argument.length !== 2 || typeof argument[0] !== 'string' || !Array.isArray(argument[1])) return undefined;
    const [delimiter, items] = argument as [string, JsonValue[]];
    const at = items.findIndex((item) => typeof item !== 'string');
    if (at < 0 || items.slice(at + 1).some((item) => typeof item !== 'string')) return undefined;
    const inner = keyForm(items[at]);
    if (inner === undefined) return undefined;
    const before = items.slice(0, at) as string[];
    const after = items.slice(at + 1) as string[];
    return {
      parameter: inner.parameter,
      prefix: before.map((item) => item + delimiter).join('') + inner.prefix,
      suffix: inner.suffix + after.map((item) => delimiter + item).join(''),
    };
  }
  return undefined;
}

/**
 * Hints tried after the first candidate when a value made from the pattern spelling it does not match: patterns
 * for passwords ask, in lookaheads the generator does not follow, for upper and lower case, a digit, a symbol.
 */
const MIXED_HINTS = ['Placeholder-1', 'Placeholder1', 'Placeholder1!', 'Placeholder1@'];

/** The constraints besides AllowedValues and AllowedPattern that bound a value of this shape, for a message. */
function lengthKeys(shape: TypeShape): string {
  return shape.numeric ? 'MinValue and MaxValue' : shape.list ? 'AllowedPattern' : 'MinLength and MaxLength';
}

/** A numeric key of a declaration (MinLength, MaxLength), or undefined when absent or not a number. */
function numberOf(declaration: Record<string, unknown>, key: string): number | undefined {
  const n = Number(scalarText(own(declaration, key)) ?? NaN);
  return Number.isNaN(n) ? undefined : n;
}

/** A stand-in for an SSM parameter's value, shaped as the parameter's inner type says. */
function ssmPlaceholder(type: string, ssmName: string, list: boolean, options: ResolveOptions): JsonValue {
  const inner = (/^AWS::SSM::Parameter::Value<(.+)>$/.exec(type)?.[1] ?? 'String').replace(/^List<(.+)>$/, '$1');
  const env = stackEnvironment(options);
  return list ? placeholderList(inner === 'CommaDelimitedList' ? 'String' : inner, ssmName, env) : placeholderOfType(inner, ssmName, env);
}

/** Every constraint the value breaks, as [message, the declaration key to point at]. */
function checkConstraints(
  name: string,
  declaration: Record<string, unknown>,
  shape: TypeShape,
  text: string,
  noEcho: boolean,
  warn: (message: string, key: string) => void,
): Array<[string, string | undefined]> {
  const problems: Array<[string, string | undefined]> = [];
  const shownValue = (value: string): string => (noEcho ? MASK : JSON.stringify(value));
  const constraint = scalarText(own(declaration, 'ConstraintDescription'));
  const fail = (key: string | undefined, fallback: string, value: string): void => {
    const reason = constraint !== undefined && key !== undefined ? `failed to satisfy constraint: ${constraint}` : fallback;
    problems.push([`Parameter '${name}' ${reason} (got ${shownValue(value)})`, key]);
  };
  const items = shape.list ? listItems(text, shape) : [text];
  if (shape.numeric) {
    for (const item of items) if (!NUMBER.test(item.trim())) fail(undefined, 'must be a number', item);
  }
  const allowed = textList(own(declaration, 'AllowedValues'));
  // [unconfirmed] A list's whole value, exactly as given, may itself be one of the AllowedValues (`Default: "HEAD,GET"`
  // with `AllowedValues: ["HEAD,GET", …]`): cfn-lint's E2015 models the service so ("according to the same rules
  // enforced on the server-side", cfn-lint PR #2521, whose good fixture has it), and templates written before the
  // service checked list items one by one (December 2022) list whole values. Otherwise each item must be one.
  if (allowed && !(shape.list && allowed.includes(text))) {
    const shown = listForMessage(allowed.map((value) => (value.includes(',') ? JSON.stringify(value) : value)));
    for (const item of items) if (!allowed.includes(item)) fail('AllowedValues', `must be one of AllowedValues [${shown}]`, item);
  }
  const pattern = scalarText(own(declaration, 'AllowedPattern'));
  if (pattern !== undefined) {
    // A Java regular expression, as the service reads it; one JavaScript cannot express is not checked (a warning).
    const translated = translateJavaPattern(pattern);
    const check = translated.ok ? allowedPatternCheck(translated.regex) : translated;
    if (!check.ok) {
      warn(`Parameter '${name}' has an AllowedPattern the simulator cannot check (${check.reason}); the service checks it: ${pattern}`, 'AllowedPattern');
    } else {
      for (const item of items) if (!check.test(item)) fail('AllowedPattern', `must match pattern ${pattern}`, item);
    }
  }
  if (!shape.list && !shape.numeric) {
    const min = Number(scalarText(own(declaration, 'MinLength')) ?? NaN);
    const max = Number(scalarText(own(declaration, 'MaxLength')) ?? NaN);
    if (!Number.isNaN(min) && [...text].length < min) fail('MinLength', `must contain at least ${min} characters`, text);
    if (!Number.isNaN(max) && [...text].length > max) fail('MaxLength', `must contain at most ${max} characters`, text);
  }
  if (shape.numeric) {
    const min = Number(scalarText(own(declaration, 'MinValue')) ?? NaN);
    const max = Number(scalarText(own(declaration, 'MaxValue')) ?? NaN);
    for (const item of items) {
      if (!NUMBER.test(item.trim())) continue;
      const n = Number(item);
      if (!Number.isNaN(min) && n < min) fail('MinValue', `must be a number not less than ${min}`, item);
      if (!Number.isNaN(max) && n > max) fail('MaxValue', `must be a number not greater than ${max}`, item);
    }
  }
  return problems;
}
