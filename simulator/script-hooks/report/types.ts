/**
 * What a lifecycle simulation produced, as data. The shape mirrors the CloudFormation simulator's report where it
 * fits: one `operation` with its outcome, the `invocations` in the order they ran, and the `events` the real
 * system would have shown.
 */
import type { Diagnostic } from '../../../src/kernel/diagnostics';
import type { CapturedOutput } from '../engine';

export type LifecycleSystem = 'amplify' | 'beanstalk';
export type OperationOutcome = 'SUCCEEDED' | 'FAILED';
/** `NOT_RUN`: a dry run found the script would start, and did not start it. */
export type InvocationOutcome = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'NOT_RUN';

/** One hook script run (or one that was due to run and could not start). */
export interface LifecycleInvocation {
  /** Amplify: the event name (`pre-push-api`); Beanstalk: the script's file name (`01_migrate.sh`). */
  readonly hook: string;
  /** Amplify: `pre` or `post`; Beanstalk: `prebuild`, `predeploy`, `postdeploy`, or a legacy `appdeploy/pre`, `preinit`, … */
  readonly phase: string;
  /** The script, relative to the project (Amplify) or source bundle / legacy hooks directory (Beanstalk). */
  readonly path: string;
  /** The program and arguments spawned (the runtime path as found on PATH, or the script itself). */
  readonly argv: readonly string[];
  /** Where the simulator ran it. */
  readonly cwd: string;
  /** Where the real platform would run it, when that differs (Beanstalk's /var/app/staging, /var/app/current). */
  readonly platformCwd?: string;
  readonly outcome: InvocationOutcome;
  readonly exitCode: number | null;
  readonly signal?: string;
  /** Set when the program could not be started: the platform's wording, e.g. `permission denied`. */
  readonly startError?: string;
  /** Wall-clock time; the only field that differs between two runs of the same project. */
  readonly durationMs: number;
  readonly stdout: CapturedOutput;
  readonly stderr: CapturedOutput;
}

export type EventSeverity = 'INFO' | 'WARN' | 'ERROR';

/** Something the real system would have shown: an Amplify CLI line, an Elastic Beanstalk event or log entry. */
export interface LifecycleEvent {
  readonly severity: EventSeverity;
  /** `console` (Amplify), `event` (EB events), `eb-engine.log` / `eb-activity.log` (EB logs), `simulator` (a note of ours). */
  readonly source: string;
  readonly message: string;
}

/** The operation the simulation stood in for, and how it ended. */
export interface LifecycleOperation {
  readonly system: LifecycleSystem;
  /** `amplify push api`, `deploy`, … as the user asked for it. */
  readonly name: string;
  readonly outcome: OperationOutcome;
  /** One line: why it ended the way it did. */
  readonly verdict: string;
  /** Details specific to the system (the normalised Amplify event, the EB platform generation, …). */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Everything one simulation produced. */
export interface LifecycleReport {
  readonly operation: LifecycleOperation;
  readonly invocations: readonly LifecycleInvocation[];
  readonly events: readonly LifecycleEvent[];
  /** Problems found in the user's files (CRLF scripts, an unreadable hooks-config.json, …), sorted. */
  readonly diagnostics: readonly Diagnostic[];
}
