// Runs the schema validator over every hook schema of public hook projects and counts its findings, to check that a
// schema cfn accepts never gets an error marked "cfn submit rejects this". Not part of CI: the projects are never
// committed; give them as folders, or as bare git directories (`git clone --bare <url>`),
// read without a checkout. With --history every version of every schema in a git directory's history is swept.
// With --cfn-cli, cloudformation-cli's own load_hook_spec is run on each schema too (python3 with jsonschema and
// referencing installed), and every disagreement with the validator's cfn verdict is listed.
//
// Usage: node scripts/sweep-schemas.mjs [--history] [--list] [--json] [--cfn-cli <checkout|bare-git-dir>]
//                                       [--validate <bundle>] [--mutate N [--seed S] [--schema-src <index.ts>]]
//                                       <folder|bare-git-dir>…
//   --validate    the validate bundle to run (default dist/validate.js; another build, to compare before/after)
//   --mutate N    also make N mutants of the schemas cfn accepts (a key removed, a value replaced, a key added, a line
//                 break or a non-ASCII letter appended to a name, a $ref rewritten…) and compare the validator's cfn
//                 verdict on each with load_hook_spec's (needs --cfn-cli); --schema-src names the validator's
//                 src/schema/index.ts to bundle for it (default this checkout's; another tree, to compare before/after)
// A hook schema is a *.json file (outside inputs/) with a typeName and a typeConfiguration or targetNames, and no
// primaryIdentifier (that is a resource schema), and not one of cloudformation-cli's meta-schemas.
// Each schema is judged from a temporary copy, so a $ref to a file beside it would not resolve (none of the swept
// schemas has one).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { looksLikeHookSchema } from './sweep-classes.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
};
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const history = flag('--history');
const list = flag('--list');
const asJson = flag('--json');
const cfnCli = option('--cfn-cli');
const bundle = option('--validate') ?? join(root, 'dist', 'validate.js');
const mutants = Number(option('--mutate') ?? 0);
const firstSeed = Number(option('--seed') ?? 1);
let seed = firstSeed;
const schemaSrc = option('--schema-src') ?? join(root, 'src', 'schema', 'index.ts');
if (args.length === 0 || args.some((a) => a.startsWith('--')) || !Number.isInteger(mutants) || (mutants > 0 && !cfnCli)) {
  console.error('usage: node scripts/sweep-schemas.mjs [--history] [--list] [--json] [--cfn-cli <checkout|bare-git-dir>] [--validate <bundle>] [--mutate N [--seed S] [--schema-src <index.ts>]] <folder|bare-git-dir>…');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'sweep-schemas-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const git = (dir, ...rest) => spawnSync('git', [`--git-dir=${dir}`, ...rest], { encoding: 'buffer', maxBuffer: 1 << 30 });
const isBareGit = (dir) => existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'objects'));

/** Every hook schema of a source, written to the work folder: [{ source, path, version, file }]. */
function collect(source) {
  const found = [];
  const seen = new Set();
  const keep = (path, version, bytes) => {
    const text = bytes.toString('utf8');
    if (!looksLikeHookSchema(text)) return;
    const key = `${path}\0${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    const file = join(work, `${found.length}-${basename(source)}-${basename(path)}`);
    writeFileSync(file, bytes);
    found.push({ source: basename(source) === 'repo' ? basename(dirname(source)) : basename(source), path, version, file });
  };
  if (isBareGit(source)) {
    const jsonPath = (p) => p.endsWith('.json') && !p.split('/').includes('inputs');
    const current = history
      ? [...new Set(git(source, 'log', '--all', '--format=', '--name-only', '--diff-filter=AMR', '--', '*.json').stdout.toString().split('\n').filter(jsonPath))]
      : git(source, 'ls-tree', '-r', '--name-only', 'HEAD').stdout.toString().split('\n').filter(jsonPath);
    for (const path of current) {
      const versions = history ? git(source, 'log', '--all', '--format=%H %cs', '--diff-filter=AMR', '--', path).stdout.toString().split('\n').filter(Boolean) : ['HEAD head'];
      for (const line of versions) {
        const [commit, date] = line.split(' ');
        const shown = git(source, 'show', `${commit}:${path}`);
        if (shown.status === 0) keep(path, history ? `${commit.slice(0, 8)} ${date}` : 'HEAD', shown.stdout);
      }
    }
  } else {
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'inputs' && name !== 'node_modules' && !name.startsWith('.')) walk(path);
        } else if (name.endsWith('.json')) keep(relative(source, path), 'file', readFileSync(path));
      }
    };
    walk(source);
  }
  return found;
}

/** The cloudformation-cli sources to import, from a checkout or a bare git directory. */
function cfnCliSources(location) {
  if (existsSync(join(location, 'src', 'rpdk', 'core', 'data_loaders.py'))) return join(location, 'src');
  if (!isBareGit(location)) throw new Error(`--cfn-cli: ${location} is neither a cloudformation-cli checkout nor a bare git directory`);
  const target = join(work, 'cfn-cli');
  if (existsSync(join(target, 'src'))) return join(target, 'src');
  mkdirSync(target, { recursive: true });
  const archive = git(location, 'archive', 'HEAD', 'src');
  spawnSync('tar', ['x', '-C', target], { input: archive.stdout });
  return join(target, 'src');
}

/** Runs load_hook_spec on every file: ok, or the first line of what it raised. */
function cfnVerdicts(files) {
  const src = cfnCliSources(cfnCli);
  // cloudformation-cli imports two small packages that load_hook_spec never calls; stand-ins, if they are missing.
  const stubs = join(work, 'stubs');
  mkdirSync(join(stubs, 'nested_lookup'), { recursive: true });
  mkdirSync(join(stubs, 'ordered_set'), { recursive: true });
  writeFileSync(join(stubs, 'nested_lookup', '__init__.py'), 'def nested_lookup(key, document):\n    return []\n');
  writeFileSync(join(stubs, 'ordered_set', '__init__.py'), 'class OrderedSet(dict):\n    pass\n');
  const program = [
    'import json, logging, socket, sys',
    'socket.setdefaulttimeout(5)',
    'sys.path.append(sys.argv[2])',
    'sys.path.insert(0, sys.argv[1])',
    'logging.disable(logging.CRITICAL)',
    'from rpdk.core.data_loaders import load_hook_spec',
    'out = []',
    'for path in json.load(sys.stdin):',
    '    try:',
    '        with open(path, "r", encoding="utf-8") as f:',
    '            load_hook_spec(f)',
    '        out.append({"ok": True})',
    '    except Exception as e:',
    '        out.append({"ok": False, "error": type(e).__name__ + ": " + ((str(e).splitlines() or [""])[0][:200])})',
    'json.dump(out, sys.stdout)',
  ].join('\n');
  const run = spawnSync('python3', ['-c', program, src, stubs], { input: JSON.stringify(files), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const schemas = args.flatMap((source) => collect(source.replace(/\/$/, '')));
for (const schema of schemas) {
  const run = spawnSync(process.execPath, [bundle, schema.file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  try {
    const report = JSON.parse(run.stdout);
    schema.cfnAccepts = report.cfnAccepts;
    schema.diagnostics = report.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, cfn: d.cfn, path: d.path }));
  } catch {
    schema.cfnAccepts = false;
    schema.diagnostics = [{ rule: `exit ${run.status}`, severity: 'error', cfn: true, path: '' }];
  }
}
if (cfnCli) cfnVerdicts(schemas.map((s) => s.file)).forEach((verdict, i) => Object.assign(schemas[i], { cfn: verdict.ok, cfnError: verdict.error }));


/** Mutants of the schemas cfn accepts, each judged by the validator (bundled from --schema-src) and by load_hook_spec. */
async function sweepMutants() {
  const { build } = await import('esbuild');
  const library = join(work, 'schema-lib.cjs');
  await build({ entryPoints: [schemaSrc], bundle: true, platform: 'node', format: 'cjs', outfile: library, logLevel: 'warning' });
  const { createRequire } = await import('node:module');
  const { validateHookSchema } = createRequire(import.meta.url)(library);
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = (items) => items[Math.floor(random() * items.length)];
  const keys = ['type', 'enum', 'const', 'items', 'properties', 'patternProperties', 'additionalProperties', 'required', '$ref', 'insertionOrder', 'arrayType', 'relationshipRef', 'format', 'default', 'examples', 'deprecatedProperties', 'remote', '$schema', '$id', 'title', 'oneOf', 'anyOf', 'allOf', 'not', 'contains', 'dependencies', 'readOnly', 'tagging', 'handlers', 'targetNames', 'permissions', 'timeoutInMinutes', 'description', '$comment', 'minLength', 'maxLength', 'minimum', 'multipleOf', 'uniqueItems', 'maxItems', 'pattern', 'definitions', 'typeConfiguration', 'preCreate', 'postCreate', 'CloudFormationX', 'A1', 'sourceUrl', 'documentationUrl', 'typeName', 'additionalItems'];
  const values = ['string', 'object', 'array', 'integer', 'HOOK', '', 'AWS::S3::Bucket', 'AWS::S3::*?', 'STACK', 'cloudformation:*', 'cloudformation:RegisterType', '#/definitions/A', '#/definitions/Nope', '#', '#//typeName', '#/typeName/0', '#definitions/A', '#/handlers/preCreate/targetNames/-1', 'https://example.com', 'https://bücher.example', 'http://example.com', 'Acme::Test::Hook', 'Acme::Test::Hook\n', 0, 1, -1, 1.5, 1e308, true, false, null, [], {}, ['a'], ['a', 'a'], [{ $ref: '#/nope' }], { type: 'string' }, { $ref: '#/definitions/Nope' }, { A: { type: 'string' } }, ['string', 'null']];
  const nodes = (value, path = [], out = []) => {
    out.push(path);
    if (value && typeof value === 'object') for (const key of Object.keys(value)) nodes(value[key], [...path, key], out);
    return out;
  };
  const at = (value, path) => path.reduce((node, key) => node[key], value);
  const mutate = (document) => {
    const copy = JSON.parse(JSON.stringify(document));
    for (let n = 1 + Math.floor(random() * 2); n > 0; n--) {
      const path = pick(nodes(copy));
      if (path.length === 0) {
        copy[pick(keys)] = pick(values);
        continue;
      }
      const parent = at(copy, path.slice(0, -1));
      const key = path[path.length - 1];
      const node = parent[key];
      const op = random();
      if (op < 0.25) {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      }
      else if (op < 0.5) parent[key] = pick(values);
      else if (op < 0.7 && node && typeof node === 'object' && !Array.isArray(node)) node[pick(keys)] = pick(values);
      else if (op < 0.85 && typeof node === 'string') parent[key] = node + pick(['\n', '\r', '\n\n', 'ü', '\u0663', ' ', '\u2028']);
      else if (!Array.isArray(parent)) {
        // Rename the key: a line break or a non-ASCII letter in a name.
        delete parent[key];
        parent[key + pick(['\n', 'ü', '\u0663', '_', '\r'])] = node;
      }
    }
    return copy;
  };
  const seeds = schemas.filter((s) => s.cfn).map((s) => JSON.parse(readFileSync(s.file, 'utf8')));
  const files = [];
  const ours = [];
  for (let i = 0; i < mutants && seeds.length > 0; i++) {
    const text = JSON.stringify(mutate(pick(seeds)), null, 2);
    const file = join(work, `mutant-${i}.json`);
    writeFileSync(file, text);
    files.push(file);
    ours.push(validateHookSchema(text, file));
  }
  const cfn = cfnVerdicts(files);
  const disagreements = [];
  cfn.forEach((verdict, i) => {
    if (verdict.ok !== ours[i].cfnAccepts) {
      const rules = ours[i].diagnostics.filter((d) => d.cfn).map((d) => `${d.rule}@${d.path}`);
      disagreements.push({ file: files[i], cfn: verdict.ok ? 'accepts' : verdict.error, validator: ours[i].cfnAccepts ? 'accepts' : rules.join(' ') });
    }
  });
  return { mutants: files.length, cfnAccepted: cfn.filter((v) => v.ok).length, disagreements };
}
const mutation = mutants > 0 ? await sweepMutants() : undefined;

const summary = {};
for (const s of schemas) {
  const row = (summary[s.source] ??= { schemas: 0, cfnAccepted: cfnCli ? 0 : undefined, validatorCfnAccepts: 0, disagreements: cfnCli ? 0 : undefined, errors: {}, warnings: {} });
  row.schemas++;
  if (s.cfnAccepts) row.validatorCfnAccepts++;
  if (cfnCli && s.cfn) row.cfnAccepted++;
  if (cfnCli && s.cfn !== s.cfnAccepts) row.disagreements++;
  for (const d of s.diagnostics) {
    const bucket = d.severity === 'error' ? row.errors : row.warnings;
    bucket[d.rule] = (bucket[d.rule] ?? 0) + 1;
  }
}
if (asJson) {
  console.log(JSON.stringify({ summary, mutation, schemas: list ? schemas.map((s) => ({ ...s, file: undefined })) : undefined }, null, 2));
} else {
  if (list) {
    for (const s of schemas) {
      const findings = s.diagnostics.map((d) => `${d.rule}${d.severity === 'error' ? '' : '(w)'}${d.cfn ? '*' : ''}@${d.path || '/'}`).join(' ') || 'clean';
      const cfn = cfnCli ? ` cfn=${s.cfn ? 'accepts' : `refuses (${s.cfnError})`}` : '';
      console.log(`${s.cfn !== undefined && s.cfn !== s.cfnAccepts ? 'DISAGREE ' : ''}${s.source} ${s.path} [${s.version}] validator=${s.cfnAccepts ? 'accepts' : 'refuses'}${cfn}: ${findings}`);
    }
    console.log('');
  }
  const fmt = (counts) => Object.entries(counts).sort().map(([rule, n]) => `${rule}×${n}`).join(' ') || '-';
  for (const [source, row] of Object.entries(summary)) {
    const cfn = cfnCli ? `, cfn accepts ${row.cfnAccepted}, disagreements ${row.disagreements}` : '';
    console.log(`${source}: ${row.schemas} schemas, validator's cfn verdict accepts ${row.validatorCfnAccepts}${cfn}; errors ${fmt(row.errors)}; warnings ${fmt(row.warnings)}`);
  }
  console.log(`total: ${schemas.length} schemas from ${Object.keys(summary).length} sources`);
  if (mutation) {
    console.log(`mutants: ${mutation.mutants} (seed ${firstSeed}), cfn accepts ${mutation.cfnAccepted}, disagreements ${mutation.disagreements.length}`);
    for (const d of mutation.disagreements.slice(0, list ? Infinity : 20)) console.log(`  DISAGREE cfn=${d.cfn} validator=${d.validator}\n    ${readFileSync(d.file, 'utf8').replace(/\s+/g, ' ').slice(0, 400)}`);
  }
}
