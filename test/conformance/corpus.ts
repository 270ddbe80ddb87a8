/**
 * The optional real-world corpus (../shared/corpus, beside the repository). Every conformance suite finds it
 * here and skips itself, saying why, when it is absent: a fresh clone has no ../shared.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

/** Template files, as the corpus names them. */
export const TEMPLATE_FILE = /\.(ya?ml|json|template)$/;

/** True when every corpus folder a suite needs is there; otherwise logs that the suite is skipped and why. */
export function corpusPresent(suite: string, ...folders: string[]): boolean {
  const missing = (folders.length > 0 ? folders : ['']).map((f) => join(CORPUS, f)).filter((p) => !existsSync(p));
  if (missing.length > 0) console.log(`${suite} conformance skipped: ${missing.join(', ')} absent (the corpus is optional)`);
  return missing.length === 0;
}

/** Files under `dir` (sorted, recursively) that `keep` accepts, descending only into folders `enter` accepts. */
export function filesUnder(dir: string, keep: (name: string, folder: string) => boolean, enter: (name: string) => boolean = () => true): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return enter(name) ? filesUnder(path, keep, enter) : [];
      return keep(name, dir) ? [path] : [];
    });
}
