/**
 * Golden outputs: what a user sees for representative runs, reviewed as files. Regenerate with
 * `npm run golden` and review the diff. Machine-specific parts (the fixture folder, the
 * runtimes found on PATH, durations) are replaced by placeholders.
 */
import { join } from 'node:path';
import { memoryIo } from '../../../src/kernel/cli';
import { main } from '../../../simulator/script-hooks';
import { findRuntime } from '../../../simulator/script-hooks/amplify';
import { expectGolden } from '../../support/golden';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'lifecycle');
const goldenDir = join(fixtures, 'golden');
const env = { PATH: process.env.PATH };

const cases: Array<[string, string[]]> = [
  ['amplify-push-api.txt', ['amplify', 'push', 'api', '--project', 'amplify/push-project']],
  ['amplify-push-fail-command.json', ['amplify', 'push', '--project', 'amplify/push-project', '--fail-command', '--format', 'json']],
  ['amplify-failing.txt', ['amplify', 'push', '--project', 'amplify/failing']],
  ['amplify-duplicates.txt', ['amplify', 'push', '--project', 'amplify/duplicates']],
  ['amplify-missing-runtime.txt', ['amplify', 'add', 'api', '--project', 'amplify/missing-runtime']],
  ['amplify-init.txt', ['amplify', 'init', '--project', 'amplify/push-project']],
  ['beanstalk-deploy.txt', ['beanstalk', 'deploy', '--source', 'beanstalk/app']],
  ['beanstalk-failing.txt', ['beanstalk', 'deploy', '--source', 'beanstalk/failing']],
  ['beanstalk-failing.json', ['beanstalk', 'deploy', '--source', 'beanstalk/failing', '--format', 'json']],
  ['beanstalk-not-executable.txt', ['beanstalk', 'deploy', '--source', 'beanstalk/not-executable', '--require-exec-bit']],
  ['beanstalk-legacy-launch.txt', ['beanstalk', 'launch', '--source', 'beanstalk/legacy/app', '--legacy', 'beanstalk/legacy/hooks']],
  ['beanstalk-legacy-failing.txt', ['beanstalk', 'deploy', '--source', 'beanstalk/legacy/app', '--legacy', 'beanstalk/legacy-skips/hooks']],
];

function normalise(text: string): string {
  let out = text.split(fixtures).join('<fixtures>');
  for (const runtime of ['node', 'bash']) {
    const path = findRuntime(runtime, env.PATH, fixtures);
    if (path) out = out.split(`"${path}"`).join(`"<${runtime}>"`);
  }
  return out.replace(/"durationMs": \d+/g, '"durationMs": 0');
}

describe('golden outputs', () => {
  it.each(cases)('%s', async (file, argv) => {
    const io = memoryIo(fixtures, env);
    const code = await main(argv, io);
    const actual = normalise(`$ simulate ${argv.join(' ')}\n${io.out.join('')}${io.err.length ? `[stderr]\n${io.err.join('')}` : ''}[exit ${code}]\n`);
    expectGolden(join(goldenDir, file), actual);
  });
});
