/**
 * Paths that exist only on an Elastic Beanstalk instance. Most real hooks `cd /var/app/staging`, activate
 * `/var/app/venv/*`, or read settings with `/opt/elasticbeanstalk/bin/get-config`; run locally, those lines fail
 * for want of the instance, not because the script is wrong, and the user should know which failure is which.
 */
import { positionAt } from '../../../src/kernel/source';

/** The first instance-only path a script names, and where. */
export interface PlatformPathUse {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

// Longest first, so `/var/app/staging` is reported as itself and not as `/var/app/`.
const INSTANCE_ONLY = /\/opt\/elasticbeanstalk\/[\w./-]*|\/var\/app\/(?:staging|current|venv)\b[\w./*-]*|\/var\/app\/[\w.-]*/;

/** Finds the first instance-only path in a script's text; binary files (a NUL byte early on) are never reported. */
export function findPlatformPath(text: string): PlatformPathUse | undefined {
  if (text.slice(0, 8192).includes('\0')) return undefined;
  const match = INSTANCE_ONLY.exec(text);
  if (!match) return undefined;
  const { line, column } = positionAt(text, match.index);
  return { path: match[0], line, column };
}

/**
 * Where a script reads `EB_IS_COMMAND_LEADER`, the variable real hooks branch on to run a migration on one instance
 * only ([unconfirmed] that the platform gives it to platform hooks as it gives it to container commands: real hooks
 * rely on it). Locally it is whatever the environment says, so one branch is not run; binary files are never reported.
 */
export function findLeaderCheck(text: string): PlatformPathUse | undefined {
  if (text.slice(0, 8192).includes('\0')) return undefined;
  const index = text.indexOf('EB_IS_COMMAND_LEADER');
  if (index < 0) return undefined;
  const { line, column } = positionAt(text, index);
  return { path: 'EB_IS_COMMAND_LEADER', line, column };
}

/**
 * Commands that act on the machine as root: on the instance hooks run as root, so real hooks call them freely
 * (`sudo`, package managers, services, users); run locally they act on this machine, for real where `sudo` needs no
 * password (a CI runner, a root container). Said before any script starts, so a user can stop or use --dry-run. Only
 * a command word at the start of a command counts (after a line start, `;`, `&&`, `||`, `|`, `(`, `{`, `!`, `$(`, a backtick,
 * `then`, `do`, `else`, `elif`, `exec` or `time`),
 * not a word inside an argument or a comment; binary files are never reported.
 */
const PRIVILEGED = /(?:^|[;&|(`{!]|\$\(|\b(?:then|do|else|elif|exec|time)(?=[ \t]))[ \t]*(sudo|su|doas|yum|dnf|rpm|apt-get|apt|systemctl|service|useradd|usermod|groupadd|chown|mount)(?=[ \t]|$)/m;

/** The first command of a script that acts on the machine as root, and where. */
export function findPrivilegedCommand(text: string): PlatformPathUse | undefined {
  if (text.slice(0, 8192).includes('\0')) return undefined;
  const uncommented = text.replace(/(^|[ \t])#.*$/gm, (_whole, before: string) => before);
  const match = PRIVILEGED.exec(uncommented);
  if (!match) return undefined;
  const { line, column } = positionAt(uncommented, match.index + match[0].length - match[1].length);
  return { path: match[1], line, column };
}
