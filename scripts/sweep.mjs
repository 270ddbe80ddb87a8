// Runs `simulate` over every CloudFormation template of public collections and counts the refusals, to find the
// templates the service deploys but the simulator refuses ("false refusals"). Not part of CI: the corpus is never
// committed; give it as folders, or as bare git directories (`git clone --bare <url>`),
// whose HEAD is read without a checkout (blob by blob: a snapshot missing some blobs still gives the others).
//
// Usage: node scripts/sweep.mjs [--cdk | --update [--limit N]] [--placeholder-parameters] [--list] [--json] [--jobs N] [--simulate <bundle>] <folder|bare-git-dir[:path]>…
//   --update    sweep updates instead: consecutive versions of each template of bare git directories' histories,
//               at most N pairs per repository (default 150); see scripts/sweep-updates.mjs
//   --cdk       sweep the CDK cloud assemblies (folders with a manifest.json) under each folder instead (below)
//   --list      print every refusal (file, class, first diagnostic) and every silent pass
//   --json      print the summary as JSON
//   --simulate  the simulate bundle to run (default dist/simulate.js; another build, to compare before/after)
//   --placeholder-parameters  give no values: the simulator's own `--placeholder-parameters` stands in for every
//               parameter without a Default (to measure how many templates that option lets through)
// Each template is simulated as a create with `--failure-mode WARN` (a hook verdict is not a refusal) and with a
// plausible value for every parameter that has no default (fitting its AllowedValues, AllowedPattern, lengths and
// bounds where it can; three items for a list). Refusals (exit 2) are classed by diagnostic code, refined where a
// code covers both (a YAML syntax error PyYAML shares, a name the template declares nowhere):
// `service` the service refuses the template too (or the swept values do not fit it), `unsupported` something only
// the service can run (a macro), `ours` everything else: a false refusal to fix. The classifiers are in
// scripts/sweep-classes.cjs (tested without a sweep).
// Each template the run accepts is also checked for silent passes: a resource of a type the hook targets
// (AWS::S3::Bucket, AWS::SQS::Queue) or a nested stack that the template declares, that the run created, and that
// was neither judged (invoked, or simulated as a nested stack) nor named by a warning. A resource the run did not
// create at all (its condition false for the swept values) is not one.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bodyOf, classOf, TEMPLATE_FILE_NAME, crashedRun, diagnosticClass, diagnosticsOf, HOOK_TARGETS, judgementOf, looksLikeTemplate, NESTED_STACKS, refusalClass } from './sweep-classes.cjs';
import { readBlobs, runNode } from './sweep-process.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const args = process.argv.slice(2);
const list = args.includes('--list');
const asJson = args.includes('--json');
const cdkMode = args.includes('--cdk');
const updateMode = args.includes('--update');
const placeholderMode = args.includes('--placeholder-parameters');
const limitAt = args.indexOf('--limit');
const limit = limitAt === -1 ? 150 : Math.max(1, Number(args[limitAt + 1]) || 150);
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt === -1 ? 2 : Math.max(1, Number(args[jobsAt + 1]) || 2);
const simulateAt = args.indexOf('--simulate');
const simulate = simulateAt === -1 ? join(root, 'dist', 'simulate.js') : String(args[simulateAt + 1]);
const valued = new Set([jobsAt, simulateAt, limitAt].filter((i) => i !== -1).map((i) => i + 1));
const sources = args.filter((a, i) => !a.startsWith('--') && !valued.has(i));
if (sources.length === 0) {
  console.error('usage: node scripts/sweep.mjs [--cdk | --update [--limit N]] [--placeholder-parameters] [--list] [--json] [--jobs N] [--simulate <bundle>] <folder|bare-git-dir>…');
  process.exit(2);
}
if (!existsSync(simulate)) {
  console.error(`sweep: ${simulate} is missing; run \`npm run build\` first`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'sweep-'));

/** Every file under a folder (or in a bare repository's HEAD) that looks like a CloudFormation template. */
function templatesOf(given) {
  // `<bare-git-dir>:<path>` sweeps one folder of a repository.
  const [source, under] = isBareRepository(given.replace(/:[^/][^:]*$/, '')) ? [given.replace(/:[^/][^:]*$/, ''), /:([^/][^:]*)$/.exec(given)?.[1]] : [given, undefined];
  const folder = isBareRepository(source) ? exportHead(source, under) : source;
  const label = source.replace(/\/+$/, '').split('/').filter((p) => p !== 'repo' && p !== '.git').at(-1);
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '.git' || name === 'node_modules') continue;
      const path = join(dir, name);
      // A link is passed over: a repository's links point into submodules the export lacks (every Quick Start's
      // docs/*.adoc), or back up the tree; what they point at inside the repository is swept where it lies.
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) walk(path);
      else if (TEMPLATE_FILE_NAME.test(name) && stat.size < 1_000_000 && looksLikeTemplate(readFileSync(path, 'utf8'))) {
        found.push({ path, name: `${label}/${relative(folder, path)}` });
      }
    }
  };
  walk(folder);
  return found;
}

function isBareRepository(path) {
  return existsSync(join(path, 'HEAD')) && existsSync(join(path, 'objects'));
}

/**
 * The candidate files of a bare repository's HEAD (or one folder of it), written under a scratch folder. Blobs are
 * read one by one (`git cat-file --batch`), so a snapshot that lacks some blobs (its largest files) still gives
 * every file it has.
 */
function exportHead(gitDir, under) {
  const target = mkdtempSync(join(scratch, 'repo-'));
  const tree = spawnSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', '--long', 'HEAD', ...(under ? [under] : [])], { maxBuffer: 1 << 30, encoding: 'utf8' }).stdout;
  const wanted = [];
  for (const entry of tree.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\s+(\d+)\t(.*)$/s.exec(entry);
    if (m && TEMPLATE_FILE_NAME.test(m[3]) && Number(m[2]) < 1_000_000) wanted.push({ sha: m[1], path: m[3] });
  }
  const blobs = readBlobs(gitDir, wanted.map((w) => w.sha));
  for (const { sha, path } of wanted) {
    const blob = blobs.get(sha);
    if (blob === undefined) continue;
    const file = join(target, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, blob);
  }
  return target;
}

function parametersOf(text) {
  const body = bodyOf(text);
  return body && typeof body.Parameters === 'object' && body.Parameters !== null ? body.Parameters : {};
}

const ID = '0a1b2c3d4e5f60718';
const BY_TYPE = {
  'AWS::EC2::AvailabilityZone::Name': ['us-east-1a', 'us-east-1b'],
  'AWS::EC2::Image::Id': [`ami-${ID}`, `ami-${ID.replace('0', '1')}`],
  'AWS::EC2::Instance::Id': [`i-${ID}`, `i-${ID.replace('0', '1')}`],
  'AWS::EC2::KeyPair::KeyName': ['example-key', 'example-key-2'],
  'AWS::EC2::SecurityGroup::GroupName': ['example-sg', 'example-sg-2'],
  'AWS::EC2::SecurityGroup::Id': [`sg-${ID}`, `sg-${ID.replace('0', '1')}`],
  'AWS::EC2::Subnet::Id': [`subnet-${ID}`, `subnet-${ID.replace('0', '1')}`],
  'AWS::EC2::Volume::Id': [`vol-${ID}`, `vol-${ID.replace('0', '1')}`],
  'AWS::EC2::VPC::Id': [`vpc-${ID}`, `vpc-${ID.replace('0', '1')}`],
  'AWS::Route53::HostedZone::Id': ['Z0123456789ABCDEFGHIJ', 'Z1123456789ABCDEFGHIJ'],
  'AWS::SSM::Parameter::Name': ['/example/parameter', '/example/parameter2'],
};
/** Guesses from a String parameter's name, tried in order; the first that fits the constraints wins. */
const BY_NAME = [
  [/url$/i, 'https://example.com/template.yaml'], // before /role/: a `ProductRoleTemplateUrl` is a URL
  [/ipv6.*cidr|cidr.*ipv6/i, '2001:db8:1234:1a00::/56'], // an IPv6 block (`Fn::Cidr [!Ref Ipv6Cidr, 4, 64]` needs one)
  [/cidr/i, '10.0.0.0/16'],
  [/e-?mail/i, 'user@example.com'],
  [/certificate/i, 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012'],
  [/endpoint.?dns/i, `vpce-${ID}-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com`],
  [/org(anization)?.?id/i, 'o-abc1234567'],
  [/kms|key.?arn|cmk/i, 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012'],
  [/topic/i, 'arn:aws:sns:us-east-1:123456789012:example-topic'],
  [/role/i, 'arn:aws:iam::123456789012:role/example-role'],
  [/arn/i, 'arn:aws:iam::123456789012:role/example-role'],
  [/url|endpoint/i, 'https://example.com'],
  [/domain|host|dns|fqdn/i, 'example.com'],
  [/kms|key.?arn/i, 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012'],
  [/route.?tables?/i, `rtb-${ID}`],
  [/peering/i, `pcx-${ID}`],
  [/directory.?id/i, 'd-0123456789'],
  [/subnets/i, ['0', '1', '2', '3'].map((d) => `subnet-${ID.replace('0', d)}`).join(',')],
  [/subnet/i, `subnet-${ID}`],
  [/vpc/i, `vpc-${ID}`],
  [/securitygroup|sg/i, `sg-${ID}`],
  [/ami|image/i, `ami-${ID}`],
  [/zone.?id/i, 'Z0123456789ABCDEFGHIJ'],
  [/account/i, '123456789012'],
  [/keypair|keyname|key_name/i, 'example-key'],
  [/region/i, 'us-east-1'],
  [/\bip|address/i, '10.0.0.1'],
  [/password|secret/i, 'Example-Passw0rd'],
  // Strong-password patterns that allow only `@$!%*?&` besides letters and digits (Micro Focus' Quick Starts).
  [/password|secret/i, 'ExamplePassw0rd!'],
  [/bucket/i, 'example-bucket-123'],
  [/version/i, '1.0'],
  [/port/i, '8080'],
];
const FALLBACKS = ['example', 'Example1', 'example-value', '10.0.0.0/16', '10.0.0.1', 'user@example.com', 'example.com', 'https://example.com', '123456789012', '1', 'a', 'abc123', 'Example-Passw0rd', 'arn:aws:iam::123456789012:role/example-role', '0.0.0.0/0', 'true', 'Yes', 'us-east-1', 't3.micro', 'exampleuser'];

/**
 * An AWS id made distinct for each parameter (its last two hex digits from the name): real subnets of two parameters
 * differ, and templates' rules say so (`SubnetsUnique`, aws-ia's Aurora and RDS templates).
 */
function distinctFor(name, value) {
  if (!/[0-9a-f]{17}$/.test(value)) return value;
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) % 256;
  return `${value.slice(0, -2)}${hash.toString(16).padStart(2, '0')}`;
}

/** A value the parameter's constraints accept, or a best guess (the refusal is then the sweep's own). */
function plausibleValue(name, declaration) {
  if (!declaration || typeof declaration !== 'object') return 'example';
  const type = String(declaration.Type ?? 'String');
  if (Array.isArray(declaration.AllowedValues) && declaration.AllowedValues.length > 0) return String(declaration.AllowedValues[0]);
  // CDK v1's legacy asset key parameters hold `<key prefix>||<file>`, which its templates split at `||` and select from.
  if (/^AssetParameters.*S3VersionKey/.test(name)) return 'assets/||asset.zip';
  const listOf = /^List<(.+)>$/.exec(type);
  if (listOf && BY_TYPE[listOf[1]]) return [...BY_TYPE[listOf[1]], ...['7', '8', '9'].map((d) => BY_TYPE[listOf[1]][0].replace(/.$/, d))].join(',');
  if (BY_TYPE[type]) return distinctFor(name, BY_TYPE[type][0]);
  if (type === 'Number' || type === 'List<Number>') {
    const min = declaration.MinValue !== undefined ? Number(declaration.MinValue) : undefined;
    const max = declaration.MaxValue !== undefined ? Number(declaration.MaxValue) : undefined;
    const single = String(min ?? (max !== undefined ? Math.min(1, max) : 1));
    return type === 'List<Number>' ? [single, single, single].join(',') : single;
  }
  const pattern = declaration.AllowedPattern === undefined ? undefined : javaPatternForTest(String(declaration.AllowedPattern));
  const minLength = Number(declaration.MinLength ?? 0);
  const maxLength = Number(declaration.MaxLength ?? Infinity);
  const candidates = [...BY_NAME.filter(([re]) => re.test(name)).map(([, v]) => v), ...FALLBACKS];
  const fits = (v) => v.length >= minLength && v.length <= maxLength && (!pattern || pattern.test(v));
  const generated = pattern ? [1, 3, 8].map((spread) => exampleOf(pattern.source, spread, minLength)) : [];
  const found = [...candidates, ...generated].find((v) => v !== undefined && fits(v));
  const single = found ?? (fits('a'.repeat(Math.max(1, minLength))) ? 'a'.repeat(Math.max(1, minLength)) : candidates[0]);
  // A list parameter gets four items, so `Fn::Select [3, !Ref List]` finds one; distinct where they still fit, as
  // real ones are (`Fn::ForEach` over account ids names a resource after each).
  const varied = (i) => {
    const item = /\d$/.test(single) ? `${single.slice(0, -1)}${(Number(single.at(-1)) + i) % 10}` : `${single}${i}`;
    return fits(item) ? item : single;
  };
  // `List<String>` too (the service takes it; serverless-samples' load balancers select a 4th endpoint address).
  return type === 'CommaDelimitedList' || /^List<.+>$/.test(type) ? [single, varied(1), varied(2), varied(3)].join(',') : single;
}

/**
 * A string the (JavaScript) pattern may match: the first alternative of each group, the first character of each
 * class, each repeated `min` times (at least `spread` where the quantifier allows, and enough for `minLength`
 * overall). Undefined when the pattern has a construct this does not follow; the caller tests the result anyway.
 */
function exampleOf(source, spread, minLength) {
  let at = 0;
  const atom = () => {
    const c = source[at++];
    if (c === '\\') {
      const e = source[at++];
      if (e === 'd') return '1';
      if (e === 'w') return 'a';
      if (e === 's') return ' ';
      if (e === 'S' || e === 'W' || e === 'D') return 'a';
      if (e === 'x') return String.fromCharCode(parseInt(source.slice(at, (at += 2)), 16));
      if (e === 'u') return String.fromCharCode(parseInt(source.slice(at, (at += 4)), 16));
      return e;
    }
    if (c === '.') return 'a';
    if (c === '[') {
      const negated = source[at] === '^';
      if (negated) at++;
      const members = [];
      while (at < source.length && (source[at] !== ']' || members.length === 0)) {
        let m = source[at++];
        if (m === '\\') {
          m = { d: '1', w: 'a', s: ' ' }[source[at]] ?? source[at];
          at++;
        }
        if (source[at] === '-' && source[at + 1] !== ']' && at + 1 < source.length) {
          at++;
          let end = source[at++];
          if (end === '\\') end = source[at++];
          for (let code = m.charCodeAt(0); code <= end.charCodeAt(0) && members.length < 200; code++) members.push(String.fromCharCode(code));
        } else members.push(m);
      }
      at++;
      if (negated) return ['a', '1', 'A', '-'].find((x) => !members.includes(x));
      return members.find((x) => /[a-z]/.test(x)) ?? members.find((x) => /[0-9A-Z]/.test(x)) ?? members[0];
    }
    if (c === '(') {
      if (/^\?<?[=!]/.test(source.slice(at, at + 3))) {
        // A lookaround matches no text: skip it (what it forbids is left to the caller's test).
        for (let depth = 0; at < source.length; at++) {
          if (source[at] === '\\') at++;
          else if (source[at] === '(') depth++;
          else if (source[at] === ')' && depth-- === 0) break;
        }
        at++;
        return '';
      }
      if (source[at] === '?') at += source[at + 1] === '<' && source[at + 2] !== '=' && source[at + 2] !== '!' ? source.indexOf('>', at) - at + 1 : 2;
      const inner = sequence();
      at++; // ')'
      return inner;
    }
    return c;
  };
  const sequence = () => {
    let out = '';
    let first = true;
    while (at < source.length && source[at] !== ')') {
      if (source[at] === '|') {
        // Only the first alternative is followed: skip the others up to this group's end.
        let depth = 0;
        for (; at < source.length; at++) {
          if (source[at] === '\\') at++;
          else if (source[at] === '(') depth++;
          else if (source[at] === ')' && depth-- === 0) break;
        }
        break;
      }
      if (source[at] === '^' || source[at] === '$') {
        at++;
        continue;
      }
      const piece = atom();
      if (piece === undefined) return undefined;
      let [min, max] = [1, 1];
      const q = /^(?:\?|\*|\+|\{(\d+)(,(\d*))?\})\??/.exec(source.slice(at));
      if (q) {
        at += q[0].length;
        if (q[0][0] === '?') [min, max] = [0, 1];
        else if (q[0][0] === '*') [min, max] = [0, Infinity];
        else if (q[0][0] === '+') [min, max] = [1, Infinity];
        else [min, max] = [Number(q[1]), q[2] === undefined ? Number(q[1]) : q[3] === '' ? Infinity : Number(q[3])];
      }
      const count = Math.min(max, Math.max(min, min === 0 && !first ? 0 : spread, first ? Math.min(max, minLength) : 0));
      out += piece.repeat(count);
      first = false;
    }
    return out;
  };
  try {
    return sequence();
  } catch {
    return undefined;
  }
}

/** Enough of Java's regex dialect to test candidate values in the sweep; undefined when JavaScript cannot read it. */
function javaPatternForTest(pattern) {
  try {
    return new RegExp(`^(?:${pattern.replace(/\\[AZz]/g, '').replace(/\\p\{Alnum\}/g, '[A-Za-z0-9]').replace(/\\p\{Alpha\}/g, '[A-Za-z]')})$`);
  } catch {
    return undefined;
  }
}

/** `[name, value]` for each parameter without a Default (SSM types left to `--placeholder-parameters`): the update sweep's values. */
function sweptParameterValues(text) {
  return Object.entries(parametersOf(text))
    .filter(([, d]) => !(d && typeof d === 'object' && d.Default !== undefined) && !/^AWS::SSM::Parameter::Value</.test(String(d?.Type ?? 'String')))
    .map(([name, d]) => [name, plausibleValue(name, d)]);
}

function argumentsFor(template) {
  const text = readFileSync(template.path, 'utf8');
  const argv = [simulate, template.path, '--format', 'json', '--failure-mode', 'WARN', '--stack-name', 'sweep'];
  const parameters = parametersOf(text);
  const values = [];
  if (placeholderMode) {
    template.swept = new Set(Object.entries(parameters).filter(([, d]) => !(d && typeof d === 'object' && d.Default !== undefined)).map(([name]) => name));
    argv.push('--placeholder-parameters');
    return argv;
  }
  for (const [name, declaration] of Object.entries(parameters)) {
    if (declaration && typeof declaration === 'object' && declaration.Default !== undefined) continue;
    const type = String(declaration?.Type ?? 'String');
    const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type);
    if (ssm) {
      const inner = ssm[1];
      const key = `/sweep/${name}`;
      values.push([name, key]);
      argv.push('--ssm-parameter', `${key}=${plausibleValue(name, { ...declaration, Type: inner.replace(/^List<(.+)>$/, '$1') })}`);
      continue;
    }
    values.push([name, plausibleValue(name, declaration)]);
  }
  template.swept = new Set(values.map(([name]) => name));
  if (values.length > 0) {
    const file = join(scratch, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(values.map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }))));
    argv.push('--parameters-file', file);
  }
  return argv;
}

async function runOne(template) {
  const run = await runNode(argumentsFor(template), { timeoutMs: 60_000, stdoutLimit: 256 << 20, stderrLimit: 20_000 });
  return { template, code: run.code, stderr: run.stderr, stdout: run.stdout };
}

async function runAll(templates, width) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < templates.length) {
      const template = templates[next++];
      results.push(await runOne(template));
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results.sort((a, b) => a.template.name.localeCompare(b.template.name));
}

/**
 * PyYAML (the reader of cfn-lint and the AWS CLI, and the service's) refuses the file, every `!` tag read as plain
 * data. False when python3 or PyYAML is missing (the refusal then stays `ours`, to be looked at).
 */
function pyyamlRefuses(path) {
  const program = [
    'import sys, yaml',
    'class L(yaml.SafeLoader): pass',
    'def any_tag(loader, suffix, node):',
    '    if isinstance(node, yaml.ScalarNode): return loader.construct_scalar(node)',
    '    if isinstance(node, yaml.SequenceNode): return loader.construct_sequence(node)',
    '    return loader.construct_mapping(node)',
    "L.add_multi_constructor('!', any_tag)",
    'try:',
    "    yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=L)",
    'except yaml.YAMLError:',
    '    sys.exit(3)',
  ].join('\n');
  return spawnSync('python3', ['-c', program, path], { timeout: 60_000 }).status === 3;
}

/** What the classifiers need of a template from the disk: its parameters swept, its body and PyYAML's verdict, read when asked. */
function factsOf(template) {
  return { swept: template.swept, body: () => bodyOf(readFileSync(template.path, 'utf8')), pyyamlRefuses: () => pyyamlRefuses(template.path) };
}

function report(results) {
  const classes = { accepted: 0, service: 0, unsupported: 0, ours: 0, crashed: 0 };
  const byCode = {};
  const refusals = [];
  const silent = [];
  const judgement = { targeted: 0, judged: 0 };
  for (const result of results) {
    const kind = classOf(result, factsOf(result.template));
    classes[kind]++;
    if (kind === 'accepted') {
      const { targeted, judged, missed } = judgementOf(result, bodyOf(readFileSync(result.template.path, 'utf8')));
      judgement.targeted += targeted;
      judgement.judged += judged;
      if (missed.length > 0) silent.push({ file: result.template.name, missed });
      continue;
    }
    const diagnostics = diagnosticsOf(result.stderr);
    const first = diagnostics[0] ?? { code: 'NONE', message: result.stderr.trim().split('\n')[0] ?? '' };
    for (const code of new Set(diagnostics.map((d) => d.code))) {
      byCode[code] ??= { service: 0, unsupported: 0, ours: 0, crashed: 0 };
      byCode[code][kind]++;
    }
    refusals.push({ file: result.template.name, class: kind, code: first.code, message: first.message.slice(0, 300) });
  }
  const summary = { templates: results.length, ...classes, ...judgement, silentPasses: silent.length, byCode };
  if (asJson) console.log(JSON.stringify({ ...summary, refusals: list ? refusals : undefined, silent: list ? silent : undefined }, null, 2));
  else {
    console.log(`templates ${results.length}: accepted ${classes.accepted}, refused ${classes.service + classes.unsupported + classes.ours} (service ${classes.service}, unsupported ${classes.unsupported}, ours ${classes.ours}), crashed ${classes.crashed}`);
    console.log(`in the accepted templates: ${judgement.targeted} targeted resources and nested stacks, ${judgement.judged} judged, silent passes in ${silent.length} templates`);
    for (const [code, counts] of Object.entries(byCode).sort()) console.log(`  ${code.padEnd(32)} ${JSON.stringify(counts)}`);
    if (list) for (const r of refusals) console.log(`${r.class.padEnd(11)} ${r.file}  ${r.code} ${r.message}`);
    if (list) for (const s of silent) console.log(`silent      ${s.file}  ${s.missed.map((m) => `${m.logicalId} (${m.type})`).join(', ')}`);
  }
}

// ---- `--cdk`: CDK cloud assemblies -------------------------------------------------------------------------------
// Each folder that holds a cloud assembly (`manifest.json` with stack or stage artifacts; not looked inside) is
// simulated in one run (create, `--failure-mode WARN`, `--format json`), and every stack of the run is classed as a
// template is above. The manifest is read here again, independently of the simulator, to check what the run shows:
// every stack (stages included) under the manifest's `stackName`, every nested stack from a `*.nested.template.json`
// asset, every `aws:cdk:path` beside its logical id, every `Fn::ImportValue` of an export of another stack of the
// assembly resolved without a placeholder, and no silent pass in any stack or nested stack.

/** [choice] A whole assembly gets this long; longer is a hang (a crash). */
const ASSEMBLY_TIMEOUT_MS = 180_000;

/** Folders holding a cloud assembly under `given` (itself included); an assembly's own folder is not walked. */
function assembliesOf(given) {
  const found = [];
  const walk = (dir, depth) => {
    if (depth > 32) return;
    if (isAssembly(dir)) {
      found.push({ path: dir, name: relative(join(given, '..'), dir) });
      return;
    }
    let names;
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name === '.git' || name === 'node_modules') continue;
      const path = join(dir, name);
      try {
        if (statSync(path).isDirectory()) walk(path, depth + 1);
      } catch {
        // a dangling link: nothing to sweep
      }
    }
  };
  walk(given, 0);
  return found;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function isAssembly(dir) {
  const manifest = existsSync(join(dir, 'manifest.json')) ? readJson(join(dir, 'manifest.json')) : undefined;
  const artifacts = manifest && typeof manifest.artifacts === 'object' && manifest.artifacts !== null ? Object.values(manifest.artifacts) : [];
  return artifacts.some((a) => a && (a.type === 'aws:cloudformation:stack' || a.type === 'cdk:cloud-assembly'));
}

/** The manifest's stacks, stages included: `{ artifactId, stackName, templateFile, stage }`. */
function manifestStacks(dir, stage = '', depth = 0) {
  const manifest = readJson(join(dir, 'manifest.json'));
  const stacks = [];
  if (!manifest || depth > 8) return stacks;
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    const properties = artifact?.properties ?? {};
    if (artifact?.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string') {
      stacks.push(...manifestStacks(join(dir, properties.directoryName), properties.displayName ?? id, depth + 1));
    } else if (artifact?.type === 'aws:cloudformation:stack' && typeof properties.templateFile === 'string') {
      // The legacy synthesizer's asset parameters: the CDK CLI gives them values when it deploys.
      const assetParameters = new Set(
        Object.values(artifact.metadata ?? {})
          .flat()
          .filter((entry) => entry?.type === 'aws:cdk:asset')
          .flatMap((entry) => ['s3BucketParameter', 's3KeyParameter', 'artifactHashParameter', 'imageNameParameter'].map((key) => entry.data?.[key]))
          .filter((name) => typeof name === 'string'),
      );
      // Its account and region (`aws://<account>/<region>`): an export is importable only there.
      // An env-agnostic stack (`unknown-account`, `unknown-region`) runs in the simulator's default account and region.
      const place = (typeof artifact.environment === 'string' ? artifact.environment : '').replace('unknown-account', '123456789012').replace('unknown-region', 'us-east-1');
      stacks.push({ artifactId: id, stackName: properties.stackName ?? id, templateFile: join(dir, properties.templateFile), stage, assetParameters, place });
    }
  }
  return stacks;
}

async function runAssembly(assembly) {
  const argv = [simulate, assembly.path, '--format', 'json', '--failure-mode', 'WARN', '--jobs', '1'];
  const run = await runNode(argv, { timeoutMs: ASSEMBLY_TIMEOUT_MS, stdoutLimit: 512 << 20, stderrLimit: 200_000 });
  return { assembly, code: run.code, timedOut: run.timedOut, stderr: run.stderr, seconds: run.seconds, stdout: run.stdout ?? '' };
}

async function runAllAssemblies(assemblies, width) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < assemblies.length) results.push(await runAssembly(assemblies[next++]));
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results.sort((a, b) => a.assembly.name.localeCompare(b.assembly.name));
}

/** The diagnostics of a run of a many-runs document: its `errors`, diagnostic objects ({code, message, …}). */
function diagnosticsOfErrors(errors) {
  return (errors ?? []).filter((e) => typeof e?.code === 'string').map((e) => ({ code: e.code, message: String(e.message ?? '') }));
}

/**
 * The exports every stack of the assembly declares with a literal name, by place (`aws://<account>/<region>`, where
 * they are importable): `<place> <name>` → artifact id (stages reuse stack names).
 */
function exportsOf(stacks) {
  const exports = new Map();
  for (const stack of stacks) {
    const outputs = readJson(stack.templateFile)?.Outputs ?? {};
    for (const output of Object.values(outputs)) {
      const name = output?.Export?.Name;
      if (typeof name === 'string') exports.set(`${stack.place} ${name}`, stack.artifactId);
    }
  }
  return exports;
}

/** Every `Fn::ImportValue` with a literal name in a template's body. */
function importsOf(body) {
  const names = [];
  const visit = (value) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'Fn::ImportValue' && typeof item === 'string') names.push(item);
        visit(item);
      }
    }
  };
  visit(body?.Resources);
  visit(body?.Outputs);
  return names;
}

/**
 * One accepted stack (or nested stack) against its template: targeted resources judged or warned about, nested
 * stacks simulated, construct paths shown. Recurses into the nested stacks the run simulated.
 */
function checkStack(templateFile, result, warnings, counts, problems, label) {
  const body = readJson(templateFile);
  const resources = body?.Resources ?? {};
  const judged = new Set((result.invocations ?? []).map((i) => i.logicalResourceId));
  const nestedById = new Map((result.nestedStacks ?? []).map((n) => [n.logicalResourceId, n]));
  const created = new Set((result.events ?? []).map((e) => e.logicalResourceId));
  const warned = (id) => warnings.some((w) => (w.file === undefined || resolve(w.file) === resolve(templateFile)) && (w.path === `/Resources/${id}` || String(w.path).startsWith(`/Resources/${id}/`)));
  for (const [logicalId, declaration] of Object.entries(resources)) {
    const type = declaration?.Type;
    const path = declaration?.Metadata?.['aws:cdk:path'];
    if (typeof path === 'string') {
      counts.constructPaths++;
      if (result.constructPaths?.[logicalId] !== path) problems.push({ kind: 'construct-path', where: `${label} ${logicalId}`, detail: `shown ${JSON.stringify(result.constructPaths?.[logicalId])}` });
    }
    if (typeof type !== 'string' || !(HOOK_TARGETS.has(type) || NESTED_STACKS.has(type))) continue;
    counts.targeted++;
    const nested = nestedById.get(logicalId);
    if (judged.has(logicalId) || nested) counts.judged++;
    else if (created.has(logicalId) && !warned(logicalId)) problems.push({ kind: 'silent-pass', where: `${label} ${logicalId}`, detail: type });
    const asset = declaration?.Metadata?.['aws:asset:path'];
    if (typeof asset === 'string' && asset.endsWith('.template.json')) {
      counts.nestedTemplates++;
      if (nested) {
        counts.nestedSimulated++;
        checkStack(join(dirname(templateFile), asset), nested, warnings, counts, problems, `${label}/${logicalId}`);
      } else if (created.has(logicalId)) problems.push({ kind: 'nested-not-simulated', where: `${label} ${logicalId}`, detail: asset });
    } else if (nested) {
      checkNestedByEvents(nested, counts, problems, `${label}/${logicalId}`);
    }
  }
}

/**
 * A nested stack the run found without an asset path (through the assembly's asset manifests, an integ snapshot's
 * TemplateURL): its template is not at hand, so its own events say what it created; each target created must have had
 * a hook call (a warning inside a nested stack is the parent run's, already counted by the stack's check).
 */
function checkNestedByEvents(nested, counts, problems, label) {
  const judged = new Set((nested.invocations ?? []).map((i) => i.logicalResourceId));
  const created = new Map((nested.events ?? []).filter((e) => /_COMPLETE$|_IN_PROGRESS$/.test(e.resourceStatus ?? '')).map((e) => [e.logicalResourceId, e.resourceType]));
  for (const [logicalId, type] of created) {
    if (!HOOK_TARGETS.has(type)) continue;
    counts.targeted++;
    if (judged.has(logicalId)) counts.judged++;
    else problems.push({ kind: 'silent-pass', where: `${label} ${logicalId}`, detail: `${type} (a nested stack without an asset path: checked by its events)` });
  }
  for (const child of nested.nestedStacks ?? []) checkNestedByEvents(child, counts, problems, `${label}/${child.logicalResourceId}`);
}

/** Classes each stack of each assembly run and checks the accepted ones. */
function reportAssemblies(results) {
  const classes = { accepted: 0, skipped: 0, service: 0, unsupported: 0, ours: 0, crashed: 0, incomplete: 0 };
  const counts = { targeted: 0, judged: 0, constructPaths: 0, nestedTemplates: 0, nestedSimulated: 0, imports: 0, importsResolved: 0 };
  const byCode = {};
  const warningCodes = {};
  const refusals = [];
  const problems = [];
  let stacksTotal = 0;
  let stageStacks = 0;
  let slowest = 0;
  for (const result of results) {
    const stacks = manifestStacks(result.assembly.path);
    stacksTotal += stacks.length;
    stageStacks += stacks.filter((s) => s.stage !== '').length;
    slowest = Math.max(slowest, result.seconds);
    let run;
    try {
      run = JSON.parse(result.stdout);
    } catch {
      run = undefined;
    }
    if (crashedRun({ ...result, json: run })) {
      classes.crashed += Math.max(1, stacks.length);
      refusals.push({ file: result.assembly.name, class: 'crashed', code: result.timedOut ? 'TIMEOUT' : `EXIT_${result.code}`, message: result.stderr.trim().split('\n').slice(0, 3).join(' | ').slice(0, 300) });
      continue;
    }
    // The single-stack document when the assembly has one stack, else the many-runs document.
    const runs = Array.isArray(run.runs) ? run.runs : [{ stackName: run.stack?.name, exit: result.code, result: run }];
    const exported = exportsOf(stacks);
    // A run is the stack's by its artifact id (`<input> <artifact id>`): stages deploy one stack name to several environments.
    // A refusal of the whole assembly (missing context, a manifest that does not read) is one run named `-`: every stack's.
    const assemblyRefused = runs.length === 1 && runs[0]?.stackName === '-' && runs[0]?.exit === 2 ? runs[0] : undefined;
    const runOf = (stack) =>
      runs.find((r) => typeof r.input === 'string' && r.input.endsWith(` ${stack.artifactId}`)) ?? runs.find((r) => r.input === undefined && r.stackName === stack.stackName) ?? assemblyRefused;
    const acceptedStacks = new Set(stacks.filter((stack) => [0, 1].includes(runOf(stack)?.exit)).map((stack) => stack.artifactId));
    for (const stack of stacks) {
      const one = runOf(stack);
      const label = `${result.assembly.name} ${stack.stackName}`;
      if (!existsSync(stack.templateFile)) {
        // The assembly as committed lacks the template (not committed, or a file the snapshot left out): nothing to judge.
        classes.incomplete++;
        refusals.push({ file: label, class: 'incomplete', code: 'NO_TEMPLATE', message: relative(result.assembly.path, stack.templateFile) });
        continue;
      }
      if (!one) {
        problems.push({ kind: 'stack-name', where: label, detail: `no run named ${stack.stackName} (runs: ${runs.map((r) => r.stackName).join(', ')})` });
        classes.ours++;
        continue;
      }
      const body = readJson(stack.templateFile);
      const exporterOf = (name) => exported.get(`${stack.place} ${name}`);
      const crossStack = importsOf(body).filter((name) => exporterOf(name) !== undefined && exporterOf(name) !== stack.artifactId);
      counts.imports += crossStack.length;
      if (one.exit === 3) {
        classes.crashed++;
        refusals.push({ file: label, class: 'crashed', code: 'EXIT_3', message: (one.errors ?? []).map((e) => e?.message ?? String(e)).join(' | ').slice(0, 300) });
        continue;
      }
      if (one.exit === 2) {
        const diagnostics = diagnosticsOfErrors(one.errors);
        // A missing parameter is the service's refusal, unless every one missing is an asset parameter the CLI supplies.
        const cliSupplies = (d) => d.code === 'RES_MISSING_PARAMETER' && (/Parameters: \[([^\]]+)\]/.exec(d.message)?.[1] ?? '').split(', ').every((name) => stack.assetParameters.has(name));
        const kind = refusalClass(diagnostics.map((d) => (cliSupplies(d) ? 'ours' : diagnosticClass(d, factsOf({ path: stack.templateFile, swept: new Set() })))));
        classes[kind]++;
        for (const code of new Set(diagnostics.map((d) => d.code))) {
          byCode[code] ??= { service: 0, unsupported: 0, ours: 0 };
          byCode[code][kind]++;
        }
        const first = diagnostics[0] ?? { code: 'NONE', message: String(one.errors?.[0]?.message ?? '') };
        refusals.push({ file: label, class: kind, code: first.code, message: first.message.slice(0, 300) });
        continue;
      }
      // A stack without resources, skipped as `cdk deploy` skips it: neither accepted nor refused.
      if (one.skipped !== undefined) {
        classes.skipped++;
        continue;
      }
      classes.accepted++;
      const warnings = one.result?.warnings ?? [];
      for (const code of new Set(warnings.map((w) => w.code))) warningCodes[code] = (warningCodes[code] ?? 0) + 1;
      const placeholders = new Set(warnings.filter((w) => w.code === 'RES_IMPORT_VALUE_PLACEHOLDER').map((w) => /^Fn::ImportValue (\S+):/.exec(w.message)?.[1]));
      for (const name of crossStack) {
        // An export of a stack the run refused is missing for the service too: only an accepted exporter's counts.
        if (placeholders.has(name) && acceptedStacks.has(exporterOf(name))) problems.push({ kind: 'import', where: label, detail: `${name} (exported by ${exporterOf(name)}) got a placeholder` });
        else if (!placeholders.has(name)) counts.importsResolved++;
      }
      checkStack(stack.templateFile, one.result ?? {}, warnings, counts, problems, label);
    }
  }
  const summary = { assemblies: results.length, stacks: stacksTotal, stageStacks, ...classes, ...counts, problems: problems.length, slowestSeconds: slowest, byCode, warningCodes };
  if (asJson) console.log(JSON.stringify({ ...summary, refusals: list ? refusals : undefined, problems: list ? problems : undefined }, null, 2));
  else {
    console.log(`assemblies ${results.length}, stacks ${stacksTotal} (${stageStacks} in stages): accepted ${classes.accepted}, skipped without resources ${classes.skipped}, refused ${classes.service + classes.unsupported + classes.ours} (service ${classes.service}, unsupported ${classes.unsupported}, ours ${classes.ours}), crashed ${classes.crashed}, template not in the assembly ${classes.incomplete}`);
    console.log(`in the accepted stacks: ${counts.targeted} targeted resources and nested stacks, ${counts.judged} judged; nested stack assets ${counts.nestedTemplates}, simulated ${counts.nestedSimulated}; construct paths ${counts.constructPaths}; cross-stack imports ${counts.imports}, resolved ${counts.importsResolved}; problems ${problems.length}; slowest assembly ${slowest.toFixed(1)} s`);
    for (const [code, n] of Object.entries(byCode).sort()) console.log(`  ${code.padEnd(32)} ${JSON.stringify(n)}`);
    console.log(`warnings (accepted stacks that print each code, of ${classes.accepted}):`);
    for (const [code, n] of Object.entries(warningCodes).sort((a, b) => b[1] - a[1])) console.log(`  ${code.padEnd(32)} ${n}`);
    if (list) for (const r of refusals) console.log(`${r.class.padEnd(11)} ${r.file}  ${r.code} ${r.message}`);
    if (list) for (const p of problems) console.log(`${p.kind.padEnd(20)} ${p.where}  ${p.detail}`);
  }
}

try {
  if (updateMode) {
    const { sweepUpdates } = await import('./sweep-updates.mjs');
    await sweepUpdates({ sources, simulate, scratch, jobs, limit, list, asJson, classifyAt: (diagnostic, path) => diagnosticClass(diagnostic, factsOf({ path })), sweptParameterValues });
  } else if (cdkMode) {
    const assemblies = sources.flatMap((source) => assembliesOf(source));
    const results = await runAllAssemblies(assemblies, jobs);
    reportAssemblies(results);
  } else {
    const templates = sources.flatMap((source) => templatesOf(source));
    const results = await runAll(templates, jobs);
    report(results);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
