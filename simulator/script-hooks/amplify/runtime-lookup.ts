/**
 * Finding a hook runtime as the Amplify CLI does (the `which` package): a name with a `/` is a path, anything
 * else is searched on PATH. `~` is not expanded; a relative path is taken from the project root, where the CLI runs.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** The absolute path of an executable `runtime`, or undefined when the CLI would report it missing. */
export function findRuntime(runtime: string, pathVariable: string | undefined, projectRoot: string): string | undefined {
  if (runtime.includes('/')) {
    const candidate = isAbsolute(runtime) ? runtime : resolve(projectRoot, runtime);
    return isExecutableFile(candidate) ? candidate : undefined;
  }
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(isAbsolute(dir) ? dir : resolve(projectRoot, dir), runtime);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
