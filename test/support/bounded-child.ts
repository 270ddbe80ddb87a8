/**
 * Runs a TypeScript snippet in a child process with a generous time bound, for tests that must prove a hostile
 * input finishes (a hang would otherwise hang Jest itself). The snippet is bundled with esbuild, so it may import
 * the project's sources by path relative to `resolveDir`; what it writes to stdout comes back.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/** The outcome of a bounded run: `finished` is false when the bound was hit. */
export interface BoundedRun {
  readonly finished: boolean;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Bundles `source` (TypeScript, imports resolved from `resolveDir`) and runs it in Node for at most `timeoutMs`. */
export function runBounded(source: string, resolveDir: string, timeoutMs = 30_000): BoundedRun {
  const dir = mkdtempSync(join(tmpdir(), 'bounded-child-'));
  try {
    const bundle = join(dir, 'run.js');
    buildSync({ stdin: { contents: source, resolveDir, loader: 'ts' }, bundle: true, platform: 'node', target: 'node20', outfile: bundle, logLevel: 'silent' });
    writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}');
    const child = spawnSync(process.execPath, [bundle], { timeout: timeoutMs, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { finished: child.error === undefined && child.signal === null, status: child.status, stdout: child.stdout ?? '', stderr: child.stderr ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
