/*
 * The resolver against real templates (../shared/corpus, optional): every template that the reader accepts
 * either resolves or is refused with located diagnostics, never another exception; the verdicts are recorded
 * below so a change in behaviour is a visible diff. The JSON and YAML twins of a template resolve alike.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeParameters, resolveTemplate } from '../../simulator/cloudformation/resolve';
import { corpusPresent, CORPUS, filesUnder, TEMPLATE_FILE } from './corpus';
import { readTemplateFile, TemplateError, type ResolvedTemplate, type TemplateSource } from '../../simulator/cloudformation/template';

const corpus = CORPUS;
const present = corpusPresent('resolve', 'templates');
const describeIfCorpus = present ? describe : describe.skip;
const templateFiles = (dir: string): string[] => filesUnder(dir, (name) => TEMPLATE_FILE.test(name));

/** Values for parameters without a default, where a plausible generic value would break the template's own rules. */
const GIVEN: Readonly<Record<string, string>> = {
  BucketName: 'corpus-bucket-1',
  S3AccessLogsBucketName: 'corpus-access-logs',
  VPCFlowLogsBucketName: 'corpus-flow-logs',
  VPCFlowLogsBucketKMSKey: '',
  AccountIdDestination: '210987654321',
  PublisherAccountID: '210987654321',
};

/** A value for every parameter that has no default: the given one, an allowed one, or one of the right type. */
function parametersFor(source: TemplateSource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of describeParameters(source)) {
    if (p.default !== undefined) continue;
    out[p.name] =
      GIVEN[p.name] ??
      p.allowedValues?.[0] ??
      (p.type === 'Number' ? '1' : p.type.startsWith('List<') || p.type === 'CommaDelimitedList' ? 'a,b' : p.type.startsWith('AWS::EC2::') ? `${p.type.split('::')[2]?.toLowerCase()}-0123` : 'corpus-value');
  }
  return out;
}

const SSM = { '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2': 'ami-0123456789abcdef0' };

/** 'resolved', 'unread' (the reader refused it: its own conformance test covers that), or the sorted codes. */
function verdict(path: string): { verdict: string; resolved?: ResolvedTemplate } {
  let source: TemplateSource;
  try {
    source = readTemplateFile(path);
  } catch (error) {
    if (error instanceof TemplateError) return { verdict: 'unread' };
    throw error;
  }
  try {
    const resolved = resolveTemplate(source, { stackName: 'corpus', region: 'us-east-1', accountId: '123456789012', parameters: parametersFor(source), ssmParameters: SSM });
    return { verdict: 'resolved', resolved };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    for (const d of error.diagnostics) {
      expect(d.file).toBe(path);
      expect(d.path === '' || d.path.startsWith('/')).toBe(true);
    }
    return { verdict: [...new Set(error.diagnostics.map((d) => d.code))].sort().join(',') };
  }
}

/** Anything not listed must resolve. */
const EXPECTED: Readonly<Record<string, string>> = {
  'templates/awscft-macro-count-test.yaml': 'RES_TRANSFORM',
};

describeIfCorpus('the resolver on real templates', () => {
  const files = present ? [...templateFiles(join(corpus, 'templates')), ...templateFiles(join(corpus, 'cfn-lint-fixtures'))] : [];
  const verdicts = new Map<string, string>();

  it.each(files.map((f) => [relative(corpus, f), f]))('%s', (name, path) => {
    const result = verdict(path);
    verdicts.set(name, result.verdict);
    if (name.startsWith('templates/')) expect(result.verdict).toBe(EXPECTED[name] ?? (result.verdict === 'unread' ? 'unread' : 'resolved'));
    else expect(result.verdict).toBe(CFN_LINT_BAD[name.replace('cfn-lint-fixtures/bad/', '')] ?? 'unlisted');
  });

  it.each(
    present
      ? readdirSync(join(corpus, 'templates'))
          .filter((f) => f.endsWith('.json') && existsSync(join(corpus, 'templates', f.replace(/\.json$/, '.yaml'))))
          .map((f) => [f.replace(/\.json$/, '')])
      : [],
  )('%s: the JSON and YAML twins resolve alike', (base) => {
    const summary = (path: string): string => {
      const { verdict: v, resolved } = verdict(path);
      if (!resolved) return v;
      return JSON.stringify({ ...resolved, source: undefined, warnings: resolved.warnings.map((w) => w.code), resources: resolved.resources.map(({ line: _l, column: _c, ...r }) => r) });
    };
    expect(summary(join(corpus, 'templates', `${base}.yaml`))).toBe(summary(join(corpus, 'templates', `${base}.json`)));
  });
});

/** cfn-lint's "bad" fixtures: what the resolver says about each (those the reader refuses are 'unread'). */
const CFN_LINT_BAD: Readonly<Record<string, string>> = {
  'conditions/and.yaml': 'unread',
  'conditions/equals.yaml': 'unread',
  'conditions.yaml': 'unread',
  'core/conditions_list.yaml': 'unread',
  'core/conditions_missing.yaml': 'unread',
  'core/parse_invalid_map.yaml': 'unread',
  // The service keeps the last value of a duplicate key, and so does the reader (with a warning).
  'duplicate.json': 'resolved',
  'duplicate.yaml': 'unread',
  'empty_file.yaml': 'unread',
  'functions/foreach_no_transform.yaml': 'unread',
  // The exports get placeholders (no --exports); `Fn::ImportValue: [PrimaryRegion]` (a list) is refused.
  'functions/import_value.yaml': 'RES_FUNCTION_ARGUMENTS',
  // `!Equals [!Ref AWS::NoValue, …]`: AWS::NoValue is not a value to compare.
  'functions/relationship_conditions.yaml': 'RES_NO_VALUE_MISPLACED',
  // cfn-lint wants an Fn::Sub around a "${…}" string; the service takes the string literally, and so do we.
  'functions/sub_needed.yaml': 'resolved',
  // `!GetAtt myInstance.AvailabilityZone` inside myInstance itself.
  'functions_base64.yaml': 'RES_DEPENDENCY_CYCLE',
  'functions_getaz.yaml': 'RES_DEPENDENCY_CYCLE',
  'functions_join.yaml': 'RES_FUNCTION_ARGUMENTS',
  'functions_ref.yaml': 'RES_DEPENDENCY_CYCLE',
  'functions_select.yaml': 'RES_FUNCTION_ARGUMENTS',
  'generic.yaml': 'unread',
  'json_parse.json': 'unread',
  // cfn-lint flags an unused mapping: legal for the service.
  'mappings/used.yaml': 'resolved',
  'not_cloudformation.yaml': 'unread',
  'refs.yaml': 'RES_UNRESOLVED_REFERENCE',
  'resources_circular_dependency.yaml': 'RES_DEPENDENCY_CYCLE',
  'resources_circular_dependency_dependson.yaml': 'RES_DEPENDENCY_CYCLE',
  'resources_deletionpolicy.yaml': 'RES_TEMPLATE_FORMAT',
  'string.yaml': 'unread',
  'templates/base.yaml': 'unread',
  'templates/base_date.yaml': 'unread',
  'templates/base_null.yaml': 'unread',
};
