/**
 * Running the `simulate` command in process, as the end-to-end tests do: `main(argv, io)` with an in-memory io, and
 * a scratch folder per test for the files a case writes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/kernel/cli';
import { main } from '../../simulator/cli';

/** What one run printed, and its exit code. */
export interface SimulateRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `simulate argv` with `cwd` as its working directory. */
export async function runSimulate(cwd: string, argv: readonly string[]): Promise<SimulateRun> {
  const io = memoryIo(cwd);
  const code = await main([...argv], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

/** Runs `simulate argv` (which asks for `--format json`) and reads its standard output as T. */
export async function runSimulateJson<T>(cwd: string, argv: readonly string[]): Promise<{ code: number; run: T; err: string }> {
  const { code, out, err } = await runSimulate(cwd, argv);
  return { code, run: JSON.parse(out) as T, err };
}

/** A folder made before each test and removed after it; `file` writes a file into it and gives its path. */
export interface ScratchFolder {
  readonly dir: string;
  file(name: string, text: string): string;
}

/** Registers the folder's beforeEach/afterEach in the calling test file. */
export function scratchFolderPerTest(prefix: string): ScratchFolder {
  let dir: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const current = (): string => {
    if (dir === undefined) throw new Error('the scratch folder exists only inside a test');
    return dir;
  };
  return {
    get dir() {
      return current();
    },
    file(name: string, text: string): string {
      writeFileSync(join(current(), name), text);
      return join(current(), name);
    },
  };
}

/** A hooks file declaring one registry hook's configuration (`AWS::CloudFormation::HookTypeConfig`). */
export function hookTypeConfigFile(logicalId: string, typeName: string, hookConfiguration: Record<string, unknown>): string {
  const configuration = JSON.stringify({ CloudFormationConfiguration: { HookConfiguration: hookConfiguration } });
  return `Resources:\n  ${logicalId}:\n    Type: AWS::CloudFormation::HookTypeConfig\n    Properties:\n      TypeName: ${typeName}\n      Configuration: '${configuration}'\n`;
}
