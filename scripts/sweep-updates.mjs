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
//                  function, no Condition) gets no call; and no preUpdate with equal new and previous properties;
//   removed        a resource only the previous side declares gets no call, and its delete comes in cleanup;
//   replacement    a replaced resource (the service's "requires the creation of a new physical resource" event) had a
//                  preUpdate, and its old resource is deleted in cleanup; a create-only property that changed
//                  (the simulator's list: BucketName, QueueName, FifoQueue, AliasName) gives a replacement;
//   change-set     the change set's Add / Modify / Replacement:True / Remove are the update's preCreate / preUpdate /
//                  replacements / removals;
//   no-updates     N against itself is refused with the service's "No updates are to be performed." (exit 2).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readBlobs, runNode } from './sweep-process.mjs';

/** [choice] One simulate run gets this long; longer is a hang (a crash). */
const RUN_TIMEOUT_MS = 60_000;
/** The create-only properties the simulator knows (docs/simulator.md), by type. */
const CREATE_ONLY = { 'AWS::S3::Bucket': ['BucketName'], 'AWS::SQS::Queue': ['FifoQueue', 'QueueName'], 'AWS::KMS::Alias': ['AliasName'] };
const REPLACEMENT_REASON = 'Requested update requires the creation of a new physical resource; hence creating one.';
/** The service's refusals of an update (UpdateStack) and of an UPDATE change set (CreateChangeSet) with nothing to change. */
const NO_CHANGE = new Set(['No updates are to be performed.', "The submitted information didn't contain changes. Submit different information to create a change set."]);
const TEMPLATE_NAME = /\.(ya?ml|json|template)$/i;

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
function pairsOf(given, { scratch, limit, looksLikeTemplate }) {
  const m = /^(.*?)(?::([^/][^:]*))?$/.exec(given);
  const gitDir = m[1];
  const under = m[2];
  const label = gitDir.replace(/\/+$/, '').split('/').filter((p) => p !== 'repo').at(-1);
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
    if (!TEMPLATE_NAME.test(path) || seen.has(`${raw[1]} ${raw[2]}`)) continue;
    seen.add(`${raw[1]} ${raw[2]}`);
    candidates.push({ before: raw[1], after: raw[2], path, commit });
  }
  // Spread the sample over the whole history; twice the limit, as some blobs are not templates.
  const step = Math.max(1, Math.floor(candidates.length / (limit * 2)));
  const sample = candidates.filter((_, i) => i % step === 0);
  const blobs = readBlobs(gitDir, [...new Set(sample.flatMap((c) => [c.before, c.after]))]);
  const pairs = [];
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
    pairs.push({ collection: label, name: `${label}/${c.path}@${c.commit}`, previous, next, dir });
  }
  return { label, candidates: candidates.length, pairs };
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

/** `accepted`, `no-change`, `crashed`, or the class of a refusal's diagnostics (`service`, `unsupported`, `ours`). */
function outcomeOf(result, pair, diagnosticClass) {
  const traced = /\n\s+at .+:\d+:\d+\)?\n/.test(result.stderr);
  if (result.timedOut || result.code === 3 || result.code < 0 || traced || result.json === undefined) return { kind: 'crashed', code: result.timedOut ? 'TIMEOUT' : `EXIT_${result.code}`, message: result.stderr.trim().split('\n').slice(0, 3).join(' | ') };
  if (result.code === 0 || result.code === 1) return { kind: 'accepted' };
  if (NO_CHANGE.has(result.json.stack?.rejection?.message)) return { kind: 'no-change', code: 'NO_UPDATES', message: '' };
  const errors = Array.isArray(result.json.errors) ? result.json.errors : [];
  const kinds = errors.map((e) => (e.code === 'PLAN_TYPE_CHANGED' ? typeChangeClass(e.message) : diagnosticClass({ code: e.code, message: e.message }, { path: e.file ?? pair.next, swept: undefined })));
  const kind = kinds.length === 0 || kinds.includes('ours') ? 'ours' : kinds.every((k) => k === 'unsupported') ? 'unsupported' : 'service';
  return { kind, code: errors[0]?.code ?? 'NONE', message: (errors[0]?.message ?? result.stderr.trim().split('\n')[0] ?? '').slice(0, 300), file: errors[0]?.file };
}

/**
 * A changed resource type is refused by the service too ("Update of resource type is not permitted"); [choice] a
 * change between two custom-resource types (`Custom::…`, `AWS::CloudFormation::CustomResource`) is ours to look at.
 */
function typeChangeClass(message) {
  const custom = (t) => t === 'AWS::CloudFormation::CustomResource' || /^Custom::/.test(t);
  const m = /was (\S+) and is now (\S+)/.exec(message);
  return m && custom(m[1]) && custom(m[2]) ? 'ours' : 'service';
}

/** Paths (`/a/b`) of every scalar that is not a string, under a value. */
function nonStrings(value, path = '') {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? [] : [path || '/'];
  return Object.entries(value).flatMap(([k, v]) => nonStrings(v, `${path}/${k}`));
}

/**
 * A body as the service reads it, for comparing two sides: the lenient reader of scripts/sweep.mjs reads an unquoted
 * date (`Version: 2012-10-17`) as a timestamp, which the service reads as the string.
 */
function plain(value) {
  return JSON.parse(JSON.stringify(value ?? null), (_, v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(v) ? v.slice(0, 10) : v));
}

/** True when a declaration holds an intrinsic function, a dynamic reference or a Condition: it may change unseen. */
function mayChange(declaration) {
  const text = JSON.stringify(declaration);
  // `tagged`: a YAML short form (`!Ref`, `!Sub`, …) as the lenient reader of scripts/sweep.mjs keeps it.
  return /"(Ref|Condition|Fn::[A-Za-z]+|tagged)":/.test(text) || text.includes('{{resolve:');
}

/** The invariants of one accepted update (see the head of this file): a list of `{ kind, detail }`. */
export function updateProblems({ previousBody: previousRead, nextBody: nextRead, update, changeSet, same }) {
  const [previousBody, nextBody] = [plain(previousRead), plain(nextRead)];
  const problems = [];
  const requests = update.requests.filter((r) => r.hookTypeName === 'Sweep::Update::Recorder');
  const byPoint = (point) => new Map(requests.filter((r) => r.actionInvocationPoint === point).map((r) => [r.requestData.targetLogicalId, r]));
  const created = byPoint('CREATE_PRE_PROVISION');
  const updated = byPoint('UPDATE_PRE_PROVISION');
  const deleted = byPoint('DELETE_PRE_PROVISION');
  for (const [id, r] of updated) {
    const model = r.requestData.targetModel ?? {};
    for (const side of ['resourceProperties', 'previousResourceProperties']) {
      if (model[side] === null || typeof model[side] !== 'object') problems.push({ kind: 'request-shape', detail: `${id}: preUpdate without ${side}` });
      else for (const p of nonStrings(model[side])) problems.push({ kind: 'request-shape', detail: `${id}: ${side}${p} is not a string` });
    }
  }
  for (const [id, r] of created) for (const p of nonStrings(r.requestData.targetModel?.resourceProperties ?? {})) problems.push({ kind: 'request-shape', detail: `${id}: resourceProperties${p} is not a string` });
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
  for (const id of replaced) {
    if (!updated.has(id)) problems.push({ kind: 'replacement', detail: `${id}: replaced without a preUpdate` });
    if (!cleanupDeletes.has(id)) problems.push({ kind: 'replacement', detail: `${id}: replaced, old resource not deleted in cleanup` });
  }
  // A replacement's new physical id reaches what refers to it: a resource that Refs it is updated too.
  for (const id of replaced) {
    const refs = new RegExp(`\\{"(Ref|tagged)":${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\}`);
    for (const [other, declaration] of Object.entries(after)) {
      if (other !== id && refs.test(JSON.stringify(declaration?.Properties ?? {})) && Object.prototype.hasOwnProperty.call(before, other) && !updated.has(other) && !replaced.has(other) && declaration?.Condition === undefined) {
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
      if (!isDeepStrictEqual(planned, [...done].sort())) problems.push({ kind: 'change-set', detail: `${what}: change set ${JSON.stringify(planned)}, update ${JSON.stringify([...done].sort())}` });
    };
    compare('Add', ids((c) => c.Action === 'Add'), created.keys());
    compare('Modify', ids((c) => c.Action === 'Modify'), updated.keys());
    compare('Replacement', ids((c) => c.Replacement === 'True'), replaced);
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
export function noChangeProblems(previousRead, nextRead) {
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

/** Sweeps the histories and prints what it found (text, or JSON with `--json`). */
export async function sweepUpdates({ sources, simulate, scratch, jobs, limit, list, asJson, diagnosticClass, looksLikeTemplate, bodyOf, sweptParameterValues }) {
  const hooksDir = join(scratch, 'hooks');
  mkdirSync(hooksDir, { recursive: true });
  writeFileSync(join(hooksDir, 'recorder.cjs'), RECORDER);
  writeFileSync(join(hooksDir, 'hooks.yaml'), HOOKS);
  const hooks = join(hooksDir, 'hooks.yaml');
  const collections = sources.map((source) => pairsOf(source, { scratch, limit, looksLikeTemplate }));
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
    const u = outcomeOf(r.update, r.pair, diagnosticClass);
    const cs = outcomeOf(r.changeSet, r.pair, diagnosticClass);
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
    if (u.kind !== 'accepted') continue;
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
