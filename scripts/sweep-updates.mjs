// The update half of scripts/sweep.mjs (`--update`): real template histories, each consecutive pair of versions of
// a file (N-1 → N, from `git log --raw`: every non-merge commit that modified or renamed a template) simulated as
// an update (`--previous`), as a change set, and N against itself, each with `--failure-mode WARN` and
// `--placeholder-parameters` (the same values on both sides). Only bare git directories are read (a folder has no
// history); nothing is checked out, blobs are read with `git cat-file --batch` and written under the scratch folder.
//
// Every run gets an account of two hooks: this project's (WARN) and a recording Lambda hook on every resource type,
// which appends each request it gets to a file, so the checks below read what a hook was sent, not the report.
// Outcomes: `accepted`, `service` / `unsupported` (classed as the create sweep classes them), `ours` (a false
// refusal), `crashed` (exit 3, a stack trace, a timeout, unreadable output), and `no-change` (the service's "No
// updates are to be performed." for two texts that differ, e.g. only in comments: counted, not an error).
// Invariants of each accepted update (docs/simulator.md "What is simulated", reference cloudformation-hooks.md):
//   request-shape  preUpdate gets `resourceProperties` and `previousResourceProperties`, every scalar a string;
//   no-predelete   no preDelete call at all in an update (cleanup deletes, replaced and removed resources, call none);
//   unchanged      a resource declared identically on both sides with nothing in it that can change (no intrinsic
//                  function, no Condition, not a nested stack with a local TemplateURL) gets no call; and no preUpdate
//                  with equal new and previous properties;
//   removed        a resource only the previous side declares gets no call, and its delete comes in cleanup;
//   replacement    a replaced resource (the service's "requires the creation of a new physical resource" event) had a
//                  preUpdate, and its old resource is deleted in cleanup; a create-only property that changed
//                  (the simulator's list: BucketName, QueueName, FifoQueue, AliasName) gives a replacement;
//   change-set     the change set's Add / Modify / Replacement:True or Conditional / Remove are the update's preCreate / preUpdate /
//                  replacements / removals;
//   no-updates     N against itself is refused with the service's "No updates are to be performed." (exit 2).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import { bodyOf, looksLikeTemplate, TEMPLATE_FILE_NAME, noChangeProblems, outcomeOf, REPLACEMENT_REASON, updateProblems } from './sweep-classes.cjs';
import { readBlobs, runNode } from './sweep-process.mjs';

/** [choice] One simulate run gets this long; longer is a hang (a crash). */
const RUN_TIMEOUT_MS = 60_000;

const RECORDER = `const { appendFileSync } = require('node:fs');
exports.handler = async (event) => {
  appendFileSync(process.env.SWEEP_RECORD, JSON.stringify(event) + '\\n');
  return { hookStatus: 'SUCCESS', message: 'recorded', clientRequestToken: event.clientRequestToken };
};
`;
const HOOKS = `Resources:
  MyTestHookConfiguration:
    Type: AWS::CloudFormation::HookTypeConfig
    Properties:
      TypeName: MyCompany::Testing::MyTestHook
      Configuration: '{"CloudFormationConfiguration":{"HookConfiguration":{"HookInvocationStatus":"ENABLED","FailureMode":"WARN","TargetOperations":["RESOURCE"]}}}'
  Recorder:
    Type: AWS::CloudFormation::LambdaHook
    Properties:
      Alias: Sweep::Update::Recorder
      LambdaFunction: ./recorder.cjs
      ExecutionRole: arn:aws:iam::123456789012:role/sweep-recorder
      FailureMode: WARN
      TargetOperations: [RESOURCE]
`;

/**
 * Consecutive versions of the templates of a bare repository (or one folder of it, `<dir>:<path>`): at most `limit`,
 * spread evenly over the history, newest first. Each is `{ name, previous, next }` with the files written.
 */
function pairsOf(given, { scratch, limit }) {
  const m = /^(.*?)(?::([^/][^:]*))?$/.exec(given);
  const gitDir = m[1];
  const under = m[2];
  const label = gitDir.replace(/\/+$/, '').split('/').filter((p) => p !== 'repo' && p !== '.git').at(-1);
  const log = spawnSync('git', ['--git-dir', gitDir, 'log', '--raw', '--no-abbrev', '-M', '--no-merges', '--format=%x01%h', ...(under ? ['--', under] : [])], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  }).stdout;
  const seen = new Set();
  const candidates = [];
  let commit = '';
  for (const line of log.split('\n')) {
    if (line.startsWith('\x01')) commit = line.slice(1);
    const raw = /^:\d+ \d+ ([0-9a-f]{40}) ([0-9a-f]{40}) ([MR])\d*\t([^\t]+)(?:\t(.+))?$/.exec(line);
    if (!raw || /^0+$/.test(raw[1]) || /^0+$/.test(raw[2]) || raw[1] === raw[2]) continue;
    const path = raw[5] ?? raw[4];
    if (!TEMPLATE_FILE_NAME.test(path) || seen.has(`${raw[1]} ${raw[2]}`)) continue;
    seen.add(`${raw[1]} ${raw[2]}`);
    candidates.push({ before: raw[1], after: raw[2], path, beforePath: raw[4], commit });
  }
  // Spread the sample over the whole history, twice the limit at a time; where too few of a round's blobs are templates
  // (a CDK repository's history is mostly package.json and tsconfig.json), the next round starts one further along.
  const step = Math.max(1, Math.floor(candidates.length / (limit * 2)));
  const pairs = [];
  for (let round = 0; round < step && pairs.length < limit; round++) {
    addTemplatePairs(gitDir, label, candidates.filter((_, i) => i % step === round), pairs, { scratch, limit });
  }
  return { label, candidates: candidates.length, pairs };
}

/** Adds to `pairs` the candidates whose two versions are both templates, written under the scratch folder, up to the limit. */
function addTemplatePairs(gitDir, label, sample, pairs, { scratch, limit }) {
  const blobs = readBlobs(gitDir, [...new Set(sample.flatMap((c) => [c.before, c.after]))]);
  for (const c of sample) {
    if (pairs.length >= limit) break;
    const [before, after] = [blobs.get(c.before), blobs.get(c.after)];
    if (!before || !after || before.length >= 1_000_000 || after.length >= 1_000_000) continue;
    if (!looksLikeTemplate(before.toString('utf8')) || !looksLikeTemplate(after.toString('utf8'))) continue;
    const dir = join(scratch, 'pairs', label, String(pairs.length));
    mkdirSync(join(dir, 'previous'), { recursive: true });
    mkdirSync(join(dir, 'next'), { recursive: true });
    const previous = join(dir, 'previous', basename(c.path));
    const next = join(dir, 'next', basename(c.path));
    writeFileSync(previous, before);
    writeFileSync(next, after);
    // Each side's local nested templates, from the same commit: without them the update is refused for a file the pair lacks.
    writeLocalChildren(gitDir, `${c.commit}^`, c.beforePath, before.toString('utf8'), join(dir, 'previous'));
    writeLocalChildren(gitDir, c.commit, c.path, after.toString('utf8'), join(dir, 'next'));
    pairs.push({ collection: label, name: `${label}/${c.path}@${c.commit}`, previous, next, dir });
  }
}

/**
 * Writes beside a template written at `<side>/<its base name>` the local files it names (a Stack's `TemplateURL`, an
 * `AWS::Serverless::Application`'s `Location`, an `AWS::Include`'s `Location`, in `Fn::Transform` or in `Transform`, as
 * plain relative paths or `file:`), read from the repository at `revision`, at the same relative place; recursively, a
 * few levels down. A path leaving the side's folder, a URL, or a file the commit lacks is left out: the run then says
 * what it could not read, as for any user.
 */
function writeLocalChildren(gitDir, revision, templatePath, text, side, depth = 0) {
  if (depth > 3) return;
  const body = bodyOf(text);
  const resources = body && typeof body.Resources === 'object' && body.Resources !== null ? Object.values(body.Resources) : [];
  const nested = resources.map((resource) => {
    const properties = resource && typeof resource === 'object' ? resource.Properties : undefined;
    return properties && typeof properties === 'object' ? (properties.TemplateURL ?? properties.Location) : undefined;
  });
  for (const given of [...nested, ...includeLocations(body)]) {
    if (typeof given !== 'string' || /^[a-z][a-z0-9+.-]*:\/\//i.test(given)) continue;
    const relative = posix.normalize(given.replace(/^file:/, ''));
    if (relative.startsWith('..') || posix.isAbsolute(relative)) continue;
    const inRepository = posix.normalize(posix.join(posix.dirname(templatePath), relative));
    const shown = spawnSync('git', ['--git-dir', gitDir, 'show', `${revision}:${inRepository}`], { maxBuffer: 1 << 24 });
    if (shown.status !== 0 || shown.stdout.length >= 1_000_000) continue;
    const target = join(side, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, shown.stdout);
    writeLocalChildren(gitDir, revision, inRepository, shown.stdout.toString('utf8'), dirname(target), depth + 1);
  }
}

/**
 * The `Location`s of the `AWS::Include` transforms anywhere in a parsed template (`{Name: AWS::Include, Parameters:
 * {Location}}`, under `Fn::Transform`, `!Transform` or the top-level `Transform`), each once.
 */
function includeLocations(body) {
  const found = new Set();
  const seen = new Set();
  const walk = (value, depth) => {
    if (value === null || typeof value !== 'object' || depth > 64 || seen.has(value)) return;
    seen.add(value);
    if (value.Name === 'AWS::Include' && typeof value.Parameters?.Location === 'string') found.add(value.Parameters.Location);
    for (const child of Object.values(value)) walk(child, depth + 1);
  };
  walk(body, 0);
  return [...found];
}

/** One simulate run: exit code, JSON output (or undefined), stderr, whether it timed out, and the recorded requests. */
async function run(simulate, argv, record) {
  const result = await runNode([simulate, ...argv], { env: { ...process.env, SWEEP_RECORD: record }, timeoutMs: RUN_TIMEOUT_MS, stdoutLimit: 256 << 20, stderrLimit: 20_000 });
  let json;
  try {
    json = JSON.parse(result.stdout ?? '');
  } catch {
    json = undefined;
  }
  const requests = existsSync(record)
    ? readFileSync(record, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l))
    : [];
  return { code: result.code, json, stderr: result.stderr, timedOut: result.timedOut, requests };
}

/** The three runs of one pair. */
async function runPair(pair, simulate, hooks, sweptParameterValues) {
  // The create sweep's values for parameters without a Default (one function of the name and declaration, so the
  // same on both sides); `--placeholder-parameters` covers the rest (SSM types).
  const valuesFile = (side) => {
    const values = sweptParameterValues(readFileSync(pair[side], 'utf8'));
    const file = join(pair.dir, `${side}-parameters.json`);
    writeFileSync(file, JSON.stringify(values.map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }))));
    return file;
  };
  const common = ['--failure-mode', 'WARN', '--placeholder-parameters', '--format', 'json', '--stack-name', 'sweep', '--hooks', hooks, '--parameters-file', valuesFile('next')];
  const previousValues = ['--previous-parameters-file', valuesFile('previous')];
  const update = await run(simulate, [pair.next, '--previous', pair.previous, ...previousValues, '--operation', 'update', ...common], join(pair.dir, 'update.jsonl'));
  const changeSet = await run(simulate, [pair.next, '--previous', pair.previous, ...previousValues, '--operation', 'change-set', ...common], join(pair.dir, 'change-set.jsonl'));
  const accepted = update.code === 0 || update.code === 1;
  const same = accepted ? await run(simulate, [pair.next, '--previous', pair.next, '--operation', 'update', ...common], join(pair.dir, 'same.jsonl')) : undefined;
  return { pair, update, changeSet, same };
}

/** Sweeps the histories and prints what it found (text, or JSON with `--json`). */
export async function sweepUpdates({ sources, simulate, scratch, jobs, limit, list, asJson, classifyAt, sweptParameterValues }) {
  const hooksDir = join(scratch, 'hooks');
  mkdirSync(hooksDir, { recursive: true });
  writeFileSync(join(hooksDir, 'recorder.cjs'), RECORDER);
  writeFileSync(join(hooksDir, 'hooks.yaml'), HOOKS);
  const hooks = join(hooksDir, 'hooks.yaml');
  const collections = sources.map((source) => pairsOf(source, { scratch, limit }));
  const pairs = collections.flatMap((c) => c.pairs);
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < pairs.length) results.push(await runPair(pairs[next++], simulate, hooks, sweptParameterValues));
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  results.sort((a, b) => a.pair.name.localeCompare(b.pair.name));
  const empty = () => ({ accepted: 0, 'no-change': 0, service: 0, unsupported: 0, ours: 0, crashed: 0 });
  const summary = {};
  const findings = [];
  const checks = { updates: 0, preUpdates: 0, preCreates: 0, replacements: 0, removed: 0, identicalRuns: 0, changeSetsCompared: 0, noChangeRead: 0 };
  const problemKinds = {};
  for (const c of collections) summary[c.label] = { historyPairs: c.candidates, swept: c.pairs.length, update: empty(), changeSet: empty() };
  for (const r of results) {
    const s = summary[r.pair.collection];
    // An error is classed at the file it names (a nested template), else at the pair's new template.
    const classify = (e) => classifyAt({ code: e.code, message: e.message }, e.file ?? r.pair.next);
    const u = outcomeOf(r.update, classify);
    const cs = outcomeOf(r.changeSet, classify);
    s.update[u.kind]++;
    s.changeSet[cs.kind]++;
    if (u.kind !== 'accepted') findings.push({ pair: r.pair.name, operation: 'update', ...u });
    if (cs.kind !== 'accepted' && cs.kind !== u.kind) findings.push({ pair: r.pair.name, operation: 'change-set', ...cs });
    if ((u.kind === 'no-change') !== (cs.kind === 'no-change') && [u.kind, cs.kind].every((k) => k === 'accepted' || k === 'no-change')) {
      problemKinds['no-updates'] = (problemKinds['no-updates'] ?? 0) + 1;
      findings.push({ pair: r.pair.name, operation: 'invariant', kind: 'no-updates', code: 'no-updates', message: `update ${u.kind}, change set ${cs.kind}` });
    }
    if (u.kind === 'no-change') {
      checks.noChangeRead++;
      const found = noChangeProblems(bodyOf(readFileSync(r.pair.previous, 'utf8')), bodyOf(readFileSync(r.pair.next, 'utf8')));
      for (const p of found) {
        problemKinds[p.kind] = (problemKinds[p.kind] ?? 0) + 1;
        findings.push({ pair: r.pair.name, operation: 'invariant', kind: p.kind, code: p.kind, message: p.detail });
      }
    }
    // The invariants are those of an update that completed: one that rolled back (exit 1 for a service failure such as
    // a changed ServiceToken, or a hook's block) deleted what it created, and is checked by nothing here.
    if (u.kind === 'accepted' && r.update.json?.stack?.finalStatus !== 'UPDATE_COMPLETE') {
      // Listed, to be read against the service: the first failure's reason (a custom name kept through a replacement…).
      const failed = (r.update.json?.events ?? []).find((e) => /_FAILED$/.test(e.resourceStatus ?? '') && e.resourceType !== 'AWS::CloudFormation::Stack');
      findings.push({ pair: r.pair.name, operation: 'update', kind: 'rolled-back', code: r.update.json?.stack?.finalStatus ?? 'NONE', message: `${failed?.logicalResourceId ?? '?'}: ${failed?.resourceStatusReason ?? ''}`.slice(0, 300) });
    }
    if (u.kind !== 'accepted' || r.update.json?.stack?.finalStatus !== 'UPDATE_COMPLETE') continue;
    const recorded = r.update.requests.filter((q) => q.hookTypeName === 'Sweep::Update::Recorder');
    checks.updates++;
    checks.preUpdates += recorded.filter((q) => q.actionInvocationPoint === 'UPDATE_PRE_PROVISION').length;
    checks.preCreates += recorded.filter((q) => q.actionInvocationPoint === 'CREATE_PRE_PROVISION').length;
    checks.replacements += (r.update.json?.events ?? []).filter((e) => e.resourceStatusReason === REPLACEMENT_REASON).length;
    const previousBody = bodyOf(readFileSync(r.pair.previous, 'utf8'));
    const nextBody = bodyOf(readFileSync(r.pair.next, 'utf8'));
    checks.removed += Object.keys(previousBody?.Resources ?? {}).filter((id) => !Object.prototype.hasOwnProperty.call(nextBody?.Resources ?? {}, id)).length;
    if (r.same) checks.identicalRuns++;
    if (r.changeSet.code === 0 || r.changeSet.code === 1) checks.changeSetsCompared++;
    for (const p of updateProblems({ previousBody, nextBody, update: r.update, changeSet: r.changeSet, same: r.same })) {
      problemKinds[p.kind] = (problemKinds[p.kind] ?? 0) + 1;
      findings.push({ pair: r.pair.name, operation: 'invariant', kind: p.kind, code: p.kind, message: p.detail });
    }
  }
  const totals = { pairs: results.length, checks, problems: problemKinds };
  if (asJson) console.log(JSON.stringify({ collections: summary, ...totals, findings: list ? findings : undefined }, null, 2));
  else {
    for (const [label, s] of Object.entries(summary)) {
      console.log(`${label}: ${s.historyPairs} version pairs in the history, ${s.swept} swept`);
      console.log(`  update     ${JSON.stringify(s.update)}`);
      console.log(`  change-set ${JSON.stringify(s.changeSet)}`);
    }
    console.log(`accepted updates ${checks.updates}: preUpdate calls ${checks.preUpdates}, preCreate calls ${checks.preCreates}, replacements ${checks.replacements}, removed resources ${checks.removed}, N-against-N runs ${checks.identicalRuns}, change sets compared ${checks.changeSetsCompared}, "No updates" verdicts read against the texts ${checks.noChangeRead}`);
    console.log(`invariant problems: ${JSON.stringify(problemKinds)}`);
    if (list) for (const f of findings) console.log(`${(f.kind ?? '').padEnd(11)} ${f.operation.padEnd(10)} ${f.pair}  ${f.code} ${f.message}${f.file ? ` (${f.file.endsWith(join('previous', basename(f.file))) ? 'previous' : 'next'})` : ''}`);
  }
}
