// What the sweeps (scripts/sweep.mjs, scripts/sweep-updates.mjs) share to reach their material and run the
// simulator on it: a bounded child process, and the blobs of a bare repository. Not part of CI.
import { spawn, spawnSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { setTimeout, clearTimeout } from 'node:timers';

/**
 * Runs `node <argv…>` with a timeout (then SIGKILL), keeping at most `stderrLimit` characters of stderr and
 * `stdoutLimit` bytes of stdout (`stdout` is undefined past it). Resolves with the exit code (-1 when killed),
 * stdout, stderr, whether it timed out, and the seconds it took; never rejects.
 */
export function runNode(argv, { env = process.env, timeoutMs, stdoutLimit, stderrLimit }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stderr = '';
    const stdout = [];
    let stdoutLength = 0;
    let timedOut = false;
    child.stderr.on('data', (chunk) => {
      if (stderr.length < stderrLimit) stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      stdoutLength += chunk.length;
      if (stdoutLength <= stdoutLimit) stdout.push(chunk);
    });
    const started = Date.now();
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const text = stdoutLength <= stdoutLimit ? Buffer.concat(stdout).toString('utf8') : undefined;
      resolve({ code: code ?? -1, stdout: text, stderr, timedOut, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/**
 * The blobs of a bare repository that exist, by sha, read in one `git cat-file --batch`: a snapshot that lacks some
 * blobs (its largest files) still gives every other.
 */
export function readBlobs(gitDir, shas) {
  const out = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: shas.join('\n') + '\n', maxBuffer: 2 ** 31 - 1 }).stdout;
  const blobs = new Map();
  let at = 0;
  for (const sha of shas) {
    const end = out.indexOf(0x0a, at);
    if (end === -1) break;
    const header = out.subarray(at, end).toString('utf8').split(' ');
    at = end + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    if (header[1] === 'blob') blobs.set(sha, out.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}
