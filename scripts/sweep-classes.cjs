// The sweeps' classifiers (scripts/sweep.mjs, sweep-updates.mjs, sweep-schemas.mjs): which files are templates or
// hook schemas, which refusal is the service's and which is ours, what an accepted run left unjudged, and the
// invariants of an update. Pure functions of a run's output and a template's text or body: what they need from the
// disk or from python3 the sweep passes in (TemplateFacts), so test/scripts/sweep-classes.test.ts tables them with
// small fixtures and never runs a sweep. CommonJS, so that jest requires it as it is; the .mjs sweeps import it.
const { resolve } = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const jsYaml = require('js-yaml');
const YAML = require('yaml');

// ---- which files are swept ----------------------------------------------------------------------------------------

/** True for a text that looks like a CloudFormation template (the create and update sweeps read only those). */
function looksLikeTemplate(text) {
  // A CodeDeploy AppSpec (`version: 0.0`) lists its targets under Resources, with their CloudFormation types.
  if (/^version[ \t]*:[ \t]*["']?0\.0\b/m.test(text)) return false;
  return /AWSTemplateFormatVersion/.test(text) || (/(^|\n)\s*"?Resources"?\s*:/.test(text) && /(AWS|Alexa)::[A-Za-z0-9]+::|Custom::[A-Za-z0-9]/.test(text));
}

/** A YAML schema that reads every CloudFormation short form as an opaque value . */
const anyTag = (kind) => new jsYaml.Type('!', { kind, multi: true, construct: (data) => ({ tagged: data }) });
const LENIENT = jsYaml.DEFAULT_SCHEMA.extend([anyTag('scalar'), anyTag('sequence'), anyTag('mapping')]);

/**
 * The template as plain data (short forms opaque), or undefined when it does not read. A JSON template's trailing
 * commas (`{"a": 1,}`) are dropped first: the simulator reads them, as the service does, with a warning
 * (TPL_JSON_TRAILING_COMMA), so the sweep must not read such a template as empty. Text that is not JSON is read as
 * YAML, as the service reads it (an `"Fn::If": […]` pair inside a JSON array); YAML js-yaml refuses and PyYAML reads
 * (`!Join [-, […]]`, a plain `-` first in a flow sequence) is read by the `yaml` package with that `-` quoted.
 */
function bodyOf(text) {
  const readers = [
    () => (/^\s*\{/.test(text) ? JSON.parse(withoutTrailingCommas(text)) : undefined),
    () => jsYaml.load(text, { schema: LENIENT, json: true }),
    () => {
      // A plain `-` first in a flow sequence (`!Join [-, …]`), which PyYAML reads as the string `-`, quoted for `yaml`.
      const document = YAML.parseDocument(text.replace(/\[(\s*)-(\s*),/g, '[$1"-"$2,'), { uniqueKeys: false, logLevel: 'silent', customTags: [LENIENT_TAG] });
      return document.errors.length === 0 ? document.toJS() : undefined;
    },
  ];
  for (const read of readers) {
    try {
      const body = read();
      if (body && typeof body === 'object') return body;
    } catch {
      // the next reader
    }
  }
  return undefined;
}

/** Every `!Tag` read as an opaque value by the `yaml` package, as LENIENT does for js-yaml. */
const LENIENT_TAG = { tag: '!', test: /^!/, default: false, resolve: (value) => ({ tagged: value }) };

/** JSON text with every comma before a closing `}` or `]` dropped, strings left as they are. */
function withoutTrailingCommas(text) {
  return text.replace(/"(?:[^"\\]|\\.)*"|,(\s*[}\]])/g, (match, closing) => (closing === undefined ? match : closing));
}

/** cloudformation-cli's own meta-schemas name the same keys; their $id gives them away. */
const META_SCHEMA_ID = /"\$id"\s*:\s*"https:\/\/schema\.cloudformation\./;
/** True for a text that looks like a hook schema: a typeName and a typeConfiguration or targetNames, no primaryIdentifier (a resource schema's), not a meta-schema. */
function looksLikeHookSchema(text) {
  return /"typeName"/.test(text) && /"typeConfiguration"|"targetNames"/.test(text) && !/"primaryIdentifier"/.test(text) && !META_SCHEMA_ID.test(text);;
}

// ---- the template sweep (scripts/sweep.mjs): refusals and silent passes -------------------------------------------

/** The file names the sweeps read as templates (a `.cfn` file too: quota-monitor's 2016 template). */
const TEMPLATE_FILE_NAME = /\.(ya?ml|json|template|cfn)$/i;

/** Codes whose refusal the service shares: the template (or the swept parameter values) is wrong for it too. */
const SERVICE_CODES = new Set([
  'TPL_JSON_SYNTAX', // the service's JSON reader refuses these as well (TPL_YAML_SYNTAX: when PyYAML does, see diagnosticClass)
  'TPL_EMPTY',
  'TPL_NOT_A_MAPPING',
  'TPL_NULL_VALUE', // the service's own text: a workshop's template with blanks to fill in
  'TPL_INVALID_UTF8',
  'TPL_TOO_LARGE',
  'TPL_LIMIT_EXCEEDED',
  'TPL_NO_RESOURCES', // e.g. a Lambda event file next to the templates
  'TPL_UNKNOWN_TAG', // e.g. a Rain directive (`!Rain::Embed`): the service cannot read it either
  'TPL_YAML_ALIAS', // "YAML aliases are not allowed in CloudFormation templates." (package, SAM and rain expand them)
  'TPL_MERGE_KEY', // the same for merge keys
  'TPL_FOREACH_WITHOUT_TRANSFORM', // Fn::ForEach needs AWS::LanguageExtensions; the service refuses it without
  'TPL_RESOURCE_TYPE', // a Type that is not a string (a Rain module in JSON)
  'TPL_RESOURCE_NOT_MAPPING', // a Resources member that is a string: "Every Resources member must be an object."
  'PLAN_TYPE_CHANGED', // "Update of resource type is not permitted", between two custom types too (panther-labs/panther#1895)
  'TPL_UNKNOWN_SECTION', // e.g. Rain's Modules
  'TPL_UNKNOWN_RESOURCE_ATTRIBUTE', // e.g. Rain's Overrides (but not Version or Description: see diagnosticClass)
  'RES_MAPPING_KEY', // a mapping without the swept region (e.g. only ap-northeast-2 and sa-east-1)
  'RES_REMOVED_RESOURCE', // a reference to a resource whose condition the swept values make false
  'RES_UNRECOGNIZED_TYPE', // the service's own text, as long as the catalogue is current: check the types listed
  'RES_PARAMETER_CONSTRAINT', // the swept value did not fit: a limit of the sweep (a template's own default: ours)
  'RES_MISSING_PARAMETER',
  // A false assertion of the Rules section: for the swept values, or for the template's own defaults (an
  // acknowledgement parameter that defaults to "Reject", two opt-ins both "No"), which the service refuses too.
  'RES_RULE_ASSERTION',
  'RES_DEPENDENCY_CYCLE', // Ref/GetAtt/Sub/DependsOn edges are the service's; e.g. a role naming the bucket that names it
  // The declarations the service checks before anything resolves (linters' test templates: cfn_nag's "2017-10-17"):
  'TPL_FORMAT_VERSION', // an AWSTemplateFormatVersion other than 2010-09-09
  'TPL_PARAMETER_TYPE', // a parameter without a Type
  'TPL_DESCRIPTION', // a Description over 1,024 bytes (the service's own text) or not a string
  'RES_PARAMETER_TYPE', // a parameter Type the service does not know (e.g. Proton's `Json`)
  'TPL_SECTION_NOT_MAPPING', // e.g. a Security Hub finding file, whose `Resources` is a list
  'TPL_UNKNOWN_PARAMETER_PROPERTY', // the service's own text: a key indented under the wrong parameter
  'TPL_MAPPING_VALUE', // the service's own text: an object (a third level of keys, an intrinsic) as a Mappings value
  'RES_EXPORT_TAKEN', // the service's own text: an export name --exports already holds
  'TPL_OUTPUT_VALUE', // the service's own text: an Outputs member without Value (resources pasted under Outputs)
  'TPL_NAME_CLASH', // the service's own text: a parameter and a resource sharing a logical id
]);
/** Codes that say "only the service can do this": a macro or AWS::Include the simulator does not expand. */
const UNSUPPORTED_CODES = new Set(['RES_TRANSFORM']);

/** The diagnostics of a refusal: `file:line:col CODE message` lines (a code may hold digits: TPL_INVALID_UTF8). */
function diagnosticsOf(stderr) {
  return stderr
    .split('\n')
    .map((line) => /:\d+:\d+ ([A-Z]+_[A-Z0-9_]+) (.*)$/.exec(line))
    .filter(Boolean)
    .map((m) => ({ code: m[1], message: m[2] }));
}

/** Every short form CloudFormation knows (intrinsics and the Rules section's functions): refusing one is ours. */
const CLOUDFORMATION_TAGS = new Set(
  'Ref Condition And Base64 Cidr Equals FindInMap GetAtt GetAZs GetStackOutput If ImportValue Join Length Not Or Select Split Sub ToJsonString Transform Contains EachMemberEquals EachMemberIn RefAll ValueOf ValueOfAll'
    .split(' ')
    .map((name) => `!${name}`),
);

/**
 * What the classifiers need to know of a template beyond a diagnostic, given by the sweep (it reads the disk and runs
 * python3; a test gives stand-ins): `swept`, the parameters the sweep gave a value (a Set, or undefined when it gave
 * none by name); `body()`, the template read leniently (undefined when it does not read); `pyyamlRefuses()`, whether
 * PyYAML (the service's reader) refuses the text. The two functions are called only when a diagnostic needs them.
 * @typedef {{ swept?: ReadonlySet<string>, body: () => object | undefined, pyyamlRefuses: () => boolean }} TemplateFacts
 */

/**
 * The class of one diagnostic: its code's, except where the code covers both (a tag or attribute the service knows).
 * @param {{ code: string, message: string }} diagnostic
 * @param {TemplateFacts} template
 * @returns {'service' | 'unsupported' | 'ours'}
 */
function diagnosticClass(diagnostic, template) {
  // A name the template declares nowhere (a fragment another tool merges, a parameter left out): the service's
  // refusal, unless the SAM transform may generate it (the simulator warns for those instead of refusing).
  if (diagnostic.code === 'RES_UNRESOLVED_REFERENCE') return declaresNowhere(diagnostic.message, template.body()) ? 'service' : 'ours';
  // The service's own refusals in its own words: a `${…}` that no variable name fits (a shell array, a JavaScript
  // template literal), and an Fn::Equals of a list or an object.
  if (diagnostic.code === 'RES_SUB_VARIABLE' && diagnostic.message.startsWith('Template error: variable names in Fn::Sub syntax')) return 'service';
  if (diagnostic.code === 'RES_SUB_VARIABLE' && / in Fn::Sub expression does not resolve to a string/.test(diagnostic.message)) return 'service';
  if (diagnostic.code === 'RES_FUNCTION_ARGUMENTS' && diagnostic.message.startsWith('Template error: every Fn::Equals object requires')) return 'service';
  // A condition that is no condition: a string given to Fn::Not, an object as Fn::If's name, a key written `Fn::`
  // (generated files with their keys cut): no condition the service could evaluate either.
  if (diagnostic.code === 'RES_FUNCTION_ARGUMENTS' && /^(Fn::Not expects \[condition\]|Fn::If expects a condition name|expected a condition )/.test(diagnostic.message)) return 'service';
  // An Fn::If of two or four items: the service needs exactly three ("Fn::If requires a list argument with three elements").
  if (diagnostic.code === 'RES_FUNCTION_ARGUMENTS' && /^Fn::If expects \[condition name, value if true, value if false\], got a list of \d+/.test(diagnostic.message)) return 'service';
  // An attribute the type does not have, in the service's words, from the catalogue (as RES_UNRECOGNIZED_TYPE: check it is current).
  if (diagnostic.code === 'RES_UNKNOWN_ATTRIBUTE' && /^Template error: resource \S+ does not support attribute type /.test(diagnostic.message)) return 'service';
  // An assembly whose lookups the synth could not make: the CDK toolkit refuses it in these words (cdk deploy --app cdk.out).
  if (diagnostic.code === 'SIM_CLOUD_ASSEMBLY' && diagnostic.message.startsWith('Assembly contains missing context.')) return 'service';
  // The Outputs rules the service checks before it creates anything (an Export's Name, duplicate names).
  if (diagnostic.code === 'RES_TEMPLATE_FORMAT' && /^Template format error: (Output \S+ is malformed|The Outputs section contains duplicate Export names)/.test(diagnostic.message)) return 'service';
  // So is a `${name}` of Fn::Sub the template declares nowhere (a shell variable left unescaped: `${!name}` was meant).
  if (diagnostic.code === 'RES_SUB_VARIABLE') return declaresNowhere(diagnostic.message, template.body()) ? 'service' : 'ours';
  // And a condition the Conditions section does not declare (a Serverless Framework fragment's `isDev`).
  if (diagnostic.code === 'RES_UNKNOWN_CONDITION') return conditionDeclaredNowhere(diagnostic.message, template.body()) ? 'service' : 'ours';
  // A constraint the template's own Default breaks (the sweep gave that parameter no value) is ours to look at.
  if (diagnostic.code === 'RES_PARAMETER_CONSTRAINT') {
    const name = /^Parameter '([^']+)'/.exec(diagnostic.message)?.[1];
    return name !== undefined && template.swept && !template.swept.has(name) ? 'ours' : 'service';
  }
  // Text the service's reader (PyYAML) refuses too: the template is broken, not the reader.
  if (diagnostic.code === 'TPL_YAML_SYNTAX') return template.pyyamlRefuses() ? 'service' : 'ours';
  // A mapping key that is a collection (a Handlebars `{{x}}` placeholder): PyYAML refuses it as unhashable.
  if (diagnostic.code === 'TPL_NON_SCALAR_KEY') return template.pyyamlRefuses() ? 'service' : 'ours';
  // A tab as indentation: PyYAML refuses it too ("found character '\t' that cannot start any token") where it reads it as such.
  if (diagnostic.code === 'TPL_TAB_INDENT') return template.pyyamlRefuses() ? 'service' : 'ours';
  if (diagnostic.code === 'TPL_UNKNOWN_TAG' && CLOUDFORMATION_TAGS.has(/^unknown tag (\S+?);/.exec(diagnostic.message)?.[1])) return 'ours';
  // The service accepts both on a resource (see docs/templates.md); refusing them is ours.
  if (diagnostic.code === 'TPL_UNKNOWN_RESOURCE_ATTRIBUTE' && /property '(Version|Description)'/.test(diagnostic.message)) return 'ours';
  // A local child template that is not there (a build step copies it, or `npm install` fetches it): packaging refuses
  // it too (`aws cloudformation package`: "Invalid template url parameter"), so the service never gets the template.
  if (diagnostic.code === 'RES_NESTED_STACK') return /^cannot read the nested stack's template .*: no such file/.test(diagnostic.message) ? 'service' : 'ours';
  // The service's own refusals: a function of AWS::LanguageExtensions without the transform, a resource name that is
  // not alphanumeric, an AWS::Serverless type without the SAM transform, a transform nobody registered (the
  // LanguageExtensions suite's internal `LanguageExtensionsDev`).
  if (diagnostic.code === 'RES_LANGUAGE_EXTENSIONS' && / needs the AWS::LanguageExtensions transform/.test(diagnostic.message)) return 'service';
  if (diagnostic.code === 'RES_TEMPLATE_FORMAT' && /^Template format error: (Resource|Output|Parameter) name \S+ is non alphanumeric\./.test(diagnostic.message)) return 'service';
  if (diagnostic.code === 'RES_TRANSFORM' && /^Template format error: Unrecognized resource types: \[AWS::Serverless::/.test(diagnostic.message)) return 'service';
  if (diagnostic.code === 'RES_TRANSFORM' && /^Transform LanguageExtensionsDev /.test(diagnostic.message)) return 'service';
  if (UNSUPPORTED_CODES.has(diagnostic.code)) return 'unsupported';
  return SERVICE_CODES.has(diagnostic.code) ? 'service' : 'ours';
}

/** True when the unresolved name in the message is neither a parameter nor a resource of the template (read leniently). */
function declaresNowhere(message, body) {
  // `Unresolved resource dependencies [X]` (Resources, Outputs), `Unresolved dependencies [X]` (Conditions),
  // Fn::Sub's `unknown variable ${X}`, or Fn::GetAtt's `references undefined resource X`.
  const name = /Unresolved (?:resource )?dependencies \[([^\]]*)\]|unknown variable \$\{([^}]+)\}|Fn::GetAtt references undefined resource (\S+)/.exec(message)?.slice(1).find((n) => n !== undefined);
  if (name === undefined || body === undefined || JSON.stringify(body.Transform ?? '').includes('Serverless')) return false;
  const has = (section) => section !== null && typeof section === 'object' && Object.prototype.hasOwnProperty.call(section, name);
  return !has(body.Parameters) && !has(body.Resources);
}

/** True when the condition the message names is not in the template's Conditions (read leniently). */
function conditionDeclaredNowhere(message, body) {
  const name = /Unresolved condition dependency (\S+?):/.exec(message)?.[1];
  if (name === undefined || body === undefined) return false;
  const conditions = body.Conditions;
  return conditions === null || typeof conditions !== 'object' || !Object.prototype.hasOwnProperty.call(conditions, name);
}

/** A refusal's class from its diagnostics' classes: any `ours` (or none at all) is ours; all `unsupported` is unsupported. */
function refusalClass(classes) {
  if (classes.length === 0 || classes.includes('ours')) return 'ours';
  return classes.every((c) => c === 'unsupported') ? 'unsupported' : 'service';
}

/** The class of one create run (`{ code, stderr }`) of the template sweep: `accepted`, `crashed`, or its refusal's. */
function classOf(result, template) {
  if (result.code !== 2) return result.code === 0 || result.code === 1 ? 'accepted' : 'crashed';
  return refusalClass(diagnosticsOf(result.stderr).map((d) => diagnosticClass(d, template)));
}

/** A run that crashed: it timed out, exited 3 or by a signal, printed a stack trace, or printed no JSON (`json` undefined). */
function crashedRun(result) {
  const traced = /\n\s+at .+:\d+:\d+\)?\n/.test(result.stderr);
  return Boolean(result.timedOut) || result.code === 3 || result.code < 0 || traced || result.json === undefined;
}

/** The types the project's hook targets (mycompany-testing-mytesthook.json), judged in every swept run. */
const HOOK_TARGETS = new Set(['AWS::S3::Bucket', 'AWS::SQS::Queue']);
/** The types whose resources are stacks of their own: simulated as nested stacks, or warned about. */
const NESTED_STACKS = new Set(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application']);

/**
 * What an accepted run did with the resources the hook would judge and the nested stacks that may hold some:
 * how many the template declares (`targeted`), how many the run judged (invoked, or simulated as a nested stack),
 * and those it created without judging them and without a warning naming them (`missed`: `{ logicalId, type }`).
 * `result` is `{ code, stdout, template: { path } }`, `body` the template read leniently.
 */
function judgementOf(result, body) {
  const none = { targeted: 0, judged: 0, missed: [] };
  if (result.code !== 0 && result.code !== 1) return none;
  const resources = body?.Resources;
  if (!resources || typeof resources !== 'object') return none;
  let run;
  try {
    run = JSON.parse(result.stdout ?? '');
  } catch {
    return { ...none, missed: [{ logicalId: '(the whole run)', type: 'no JSON output to check' }] };
  }
  const judged = new Set((run.invocations ?? []).map((i) => i.logicalResourceId));
  for (const nested of run.nestedStacks ?? []) judged.add(nested.logicalResourceId);
  const created = new Set((run.events ?? []).map((e) => e.logicalResourceId));
  // simulate names a file relative to its working directory, which is the sweep's.
  const own = (w) => w.file === undefined || resolve(w.file) === resolve(result.template.path);
  const warned = (id) => (run.warnings ?? []).some((w) => own(w) && (w.path === `/Resources/${id}` || String(w.path).startsWith(`/Resources/${id}/`)));
  const counts = { targeted: 0, judged: 0, missed: [] };
  for (const [logicalId, declaration] of Object.entries(resources)) {
    const type = declaration && typeof declaration === 'object' ? declaration.Type : undefined;
    if (typeof type !== 'string' || !(HOOK_TARGETS.has(type) || NESTED_STACKS.has(type))) continue;
    counts.targeted++;
    if (judged.has(logicalId)) counts.judged++;
    else if (created.has(logicalId) && !warned(logicalId)) counts.missed.push({ logicalId, type });
  }
  return counts;
}

// ---- the update sweep (scripts/sweep-updates.mjs) ----------------------------------------------------------------

/** The create-only properties the simulator knows (docs/simulator.md), by type. */
const CREATE_ONLY = { 'AWS::S3::Bucket': ['BucketName', 'BucketNamePrefix', 'BucketNamespace'], 'AWS::SQS::Queue': ['FifoQueue', 'QueueName'], 'AWS::KMS::Alias': ['AliasName'] };
const REPLACEMENT_REASON = 'Requested update requires the creation of a new physical resource; hence creating one.';
/** The service's refusals of an update (UpdateStack) and of an UPDATE change set (CreateChangeSet) with nothing to change. */
const NO_CHANGE = new Set(['No updates are to be performed.', "The submitted information didn't contain changes. Submit different information to create a change set."]);

/**
 * An update or change-set run (`{ code, json, stderr, timedOut }`): `accepted`, `no-change`, `crashed`, or the class of
 * a refusal's diagnostics (`service`, `unsupported`, `ours`); `classify(error)` classes one of its errors (`{ code,
 * message, file }`) by its diagnostic.
 */
function outcomeOf(result, classify) {
  if (crashedRun(result)) return { kind: 'crashed', code: result.timedOut ? 'TIMEOUT' : `EXIT_${result.code}`, message: result.stderr.trim().split('\n').slice(0, 3).join(' | ') };
  if (result.code === 0 || result.code === 1) return { kind: 'accepted' };
  if (NO_CHANGE.has(result.json.stack?.rejection?.message)) return { kind: 'no-change', code: 'NO_UPDATES', message: '' };
  const errors = Array.isArray(result.json.errors) ? result.json.errors : [];
  const kind = refusalClass(errors.map((e) => classify(e)));
  return { kind, code: errors[0]?.code ?? 'NONE', message: (errors[0]?.message ?? result.stderr.trim().split('\n')[0] ?? '').slice(0, 300), file: errors[0]?.file };
}


/**
 * A body as the service reads it, for comparing two sides: the lenient reader of scripts/sweep.mjs reads an unquoted
 * date (`Version: 2012-10-17`) as a timestamp, which the service reads as the string.
 */
function plain(value) {
  return JSON.parse(JSON.stringify(value ?? null), (_, v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(v) ? v.slice(0, 10) : v));
}

/**
 * True when a declaration holds an intrinsic function, a dynamic reference or a Condition, or is a nested stack whose
 * TemplateURL is a local path (its child's content is what changes, sent as a new packaged URL): it may change unseen.
 */
function mayChange(declaration) {
  const url = declaration?.Type === 'AWS::CloudFormation::Stack' ? declaration.Properties?.TemplateURL : undefined;
  if (typeof url === 'string' && !/^https?:\/\//i.test(url)) return true;
  const text = JSON.stringify(declaration);
  // `tagged`: a YAML short form (`!Ref`, `!Sub`, …) as the lenient reader of scripts/sweep.mjs keeps it.
  return /"(Ref|Condition|Fn::[A-Za-z]+|tagged)":/.test(text) || text.includes('{{resolve:');
}

/** The invariants of one accepted update (see the head of this file): a list of `{ kind, detail }`. */
function updateProblems({ previousBody: previousRead, nextBody: nextRead, update, changeSet, same }) {
  const [previousBody, nextBody] = [plain(previousRead), plain(nextRead)];
  const problems = [];
  // The parent stack's calls only: a nested stack's resources (a child's logical ids, which may be the parent's too) are
  // in the recorder's file beside the parent's, and the checks below read the parent's templates and change set.
  const stackName = update.json?.stack?.name;
  const parentStack = (r) => typeof stackName !== 'string' || typeof r.stackId !== 'string' || r.stackId.split(':stack/')[1]?.split('/')[0] === stackName;
  const requests = update.requests.filter((r) => r.hookTypeName === 'Sweep::Update::Recorder' && parentStack(r));
  const byPoint = (point) => new Map(requests.filter((r) => r.actionInvocationPoint === point).map((r) => [r.requestData.targetLogicalId, r]));
  const created = byPoint('CREATE_PRE_PROVISION');
  const updated = byPoint('UPDATE_PRE_PROVISION');
  const deleted = byPoint('DELETE_PRE_PROVISION');
  // The recorder is a Lambda hook, which is sent the properties with their JSON types (docs/simulator.md), so only the
  // presence of both sides is checked; every scalar a string holds for a custom hook's request, not this one's.
  for (const [id, r] of updated) {
    const model = r.requestData.targetModel ?? {};
    for (const side of ['resourceProperties', 'previousResourceProperties']) {
      if (model[side] === null || typeof model[side] !== 'object') problems.push({ kind: 'request-shape', detail: `${id}: preUpdate without ${side}` });
    }
  }
  for (const id of deleted.keys()) problems.push({ kind: 'no-predelete', detail: `${id}: preDelete in an update` });
  const before = previousBody?.Resources ?? {};
  const after = nextBody?.Resources ?? {};
  const called = new Set(requests.map((r) => r.requestData.targetLogicalId));
  for (const [id, declaration] of Object.entries(after)) {
    if (!Object.prototype.hasOwnProperty.call(before, id) || !isDeepStrictEqual(before[id], declaration)) continue;
    if (!mayChange(declaration) && called.has(id)) problems.push({ kind: 'unchanged', detail: `${id}: declared identically, with nothing that can change, yet called` });
    // Declared identically and sent identical properties: nothing changed that the hook could be told about.
    const model = updated.get(id)?.requestData.targetModel;
    if (model && isDeepStrictEqual(model.resourceProperties, model.previousResourceProperties)) problems.push({ kind: 'unchanged', detail: `${id}: declared identically, preUpdate with equal new and previous properties` });
  }
  const events = update.json?.events ?? [];
  const cleanupAt = events.findIndex((e) => e.resourceStatus === 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
  const cleanupDeletes = new Set(cleanupAt === -1 ? [] : events.slice(cleanupAt).filter((e) => /^DELETE_(COMPLETE|SKIPPED)$/.test(e.resourceStatus)).map((e) => e.logicalResourceId));
  const removed = Object.keys(before).filter((id) => !Object.prototype.hasOwnProperty.call(after, id));
  for (const id of removed) {
    if (called.has(id)) problems.push({ kind: 'removed', detail: `${id}: removed, yet called` });
    const deletes = events.filter((e) => e.logicalResourceId === id && /^DELETE_/.test(e.resourceStatus));
    if (deletes.length > 0 && !cleanupDeletes.has(id)) problems.push({ kind: 'removed', detail: `${id}: removed, deleted outside cleanup` });
  }
  const replaced = new Set(events.filter((e) => e.resourceStatusReason === REPLACEMENT_REASON).map((e) => e.logicalResourceId));
  // The service shows no hook an `AWS::Serverless::*` resource (the transform's input): it gets no preUpdate.
  const sam = (declaration) => typeof declaration?.Type === 'string' && declaration.Type.startsWith('AWS::Serverless::');
  for (const id of replaced) {
    if (!updated.has(id) && !sam(after[id])) problems.push({ kind: 'replacement', detail: `${id}: replaced without a preUpdate` });
    if (!cleanupDeletes.has(id)) problems.push({ kind: 'replacement', detail: `${id}: replaced, old resource not deleted in cleanup` });
  }
  // A replacement's new physical id reaches what refers to it: a resource that Refs it is updated too.
  for (const id of replaced) {
    const refs = new RegExp(`\\{"(Ref|tagged)":${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\}`);
    for (const [other, declaration] of Object.entries(after)) {
      if (other !== id && !sam(declaration) && refs.test(JSON.stringify(declaration?.Properties ?? {})) && Object.prototype.hasOwnProperty.call(before, other) && !updated.has(other) && !replaced.has(other) && declaration?.Condition === undefined) {
        problems.push({ kind: 'replacement', detail: `${id}: replaced, but ${other}, which refers to it, got no preUpdate with the new physical id` });
      }
    }
  }
  for (const [id, r] of updated) {
    const model = r.requestData.targetModel ?? {};
    const changedCreateOnly = (CREATE_ONLY[r.requestData.targetName] ?? []).filter((p) => !isDeepStrictEqual(model.resourceProperties?.[p], model.previousResourceProperties?.[p]));
    if (changedCreateOnly.length > 0 && !replaced.has(id)) problems.push({ kind: 'replacement', detail: `${id}: ${changedCreateOnly.join(', ')} changed, not replaced` });
  }
  if (changeSet && (changeSet.code === 0 || changeSet.code === 1)) {
    const changes = changeSet.json?.changeSet?.changes ?? [];
    const ids = (f) => [...new Set(changes.filter(f).map((c) => c.LogicalResourceId))].sort();
    const compare = (what, planned, done) => {
      // Spread once: `done` may be an iterator (a map's keys), which a second spread finds empty.
      const sorted = [...done].sort();
      if (!isDeepStrictEqual(planned, sorted)) problems.push({ kind: 'change-set', detail: `${what}: change set ${JSON.stringify(planned)}, update ${JSON.stringify(sorted)}` });
    };
    // A SAM resource is listed in the change set as the template declares it; hooks see only what SAM generates.
    const hooked = (c) => typeof c.ResourceType !== 'string' || !c.ResourceType.startsWith('AWS::Serverless::');
    compare('Add', ids((c) => c.Action === 'Add' && hooked(c)), created.keys());
    compare('Modify', ids((c) => c.Action === 'Modify' && hooked(c)), updated.keys());
    // `Conditional`: a replacement the change set could only foresee (its causes read a resource the update replaces);
    // the simulator lists it only where the update does replace the resource.
    compare('Replacement', ids((c) => c.Replacement === 'True' || c.Replacement === 'Conditional'), replaced);
    // Removals: what cleanup deletes other than replaced resources' old copies (a resource taken out of the template,
    // or one whose Condition became false).
    compare('Remove', ids((c) => c.Action === 'Remove'), [...cleanupDeletes].filter((id) => !replaced.has(id)));
  }
  if (same && (same.code !== 2 || same.json?.stack?.rejection?.message !== 'No updates are to be performed.' || same.requests.length > 0)) {
    problems.push({ kind: 'no-updates', detail: `N against itself: exit ${same.code}, ${JSON.stringify(same.json?.stack?.rejection ?? null)}, ${same.requests.length} hook calls` });
  }
  return problems;
}

/**
 * A no-change verdict read against the two texts: a resource on one side only (with no Condition that could keep it
 * out), or literal Properties (nothing in them that can resolve alike) that differ, is a change the service makes.
 */
function noChangeProblems(previousRead, nextRead) {
  const [previousBody, nextBody] = [plain(previousRead), plain(nextRead)];
  const problems = [];
  const before = previousBody?.Resources ?? {};
  const after = nextBody?.Resources ?? {};
  const has = (o, id) => Object.prototype.hasOwnProperty.call(o, id);
  for (const [id, d] of Object.entries(after)) if (!has(before, id) && d?.Condition === undefined) problems.push({ kind: 'no-updates', detail: `${id}: added, yet "No updates"` });
  for (const [id, d] of Object.entries(before)) if (!has(after, id) && d?.Condition === undefined) problems.push({ kind: 'no-updates', detail: `${id}: removed, yet "No updates"` });
  for (const [id, d] of Object.entries(after)) {
    if (!has(before, id) || isDeepStrictEqual(before[id]?.Properties, d?.Properties)) continue;
    if (!mayChange(before[id]?.Properties ?? {}) && !mayChange(d?.Properties ?? {}) && before[id]?.Type === d?.Type) problems.push({ kind: 'no-updates', detail: `${id}: literal Properties differ, yet "No updates"` });
  }
  return problems;
}

module.exports = {
  TEMPLATE_FILE_NAME,
  SERVICE_CODES,
  UNSUPPORTED_CODES,
  CLOUDFORMATION_TAGS,
  HOOK_TARGETS,
  NESTED_STACKS,
  NO_CHANGE,
  REPLACEMENT_REASON,
  looksLikeTemplate,
  looksLikeHookSchema,
  bodyOf,
  diagnosticsOf,
  diagnosticClass,
  declaresNowhere,
  refusalClass,
  classOf,
  crashedRun,
  judgementOf,
  outcomeOf,
  updateProblems,
  noChangeProblems,
};
