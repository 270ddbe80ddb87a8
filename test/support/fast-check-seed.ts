/**
 * `npm test` must not flake: every property test replays one fixed seed unless FUZZ_RUNS is set
 * (`npm run fuzz`), which explores new seeds. A property that sets its own seed keeps it.
 */
import fc from 'fast-check';

if (process.env.FUZZ_RUNS === undefined) fc.configureGlobal({ seed: 20261121 });
