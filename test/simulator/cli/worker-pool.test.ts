import { workersWorthStarting } from '../../../simulator/cli/worker-pool';

// The default --jobs starts a worker only when the work left gives every thread at least one worker's warm-up
// (150 ms): a few templates stay on the main thread, which is warm already.
describe('workersWorthStarting', () => {
  it.each<[string, number, number, number, number]>([
    ['a pre-commit run: two small templates left', 2, 10, 8, 0],
    ['work for exactly two threads of one warm-up each', 30, 10, 8, 1],
    ['just short of that', 29, 10, 8, 0],
    ['a repository: 199 templates of 5 ms on 2 cores', 199, 5, 2, 1],
    ['the same on 8 cores: as many as keep each share at one warm-up', 199, 5, 8, 5],
    ['a long run is capped by the cores', 5000, 5, 8, 7],
    ['one large template left stays on the main thread, which takes it next', 1, 10_000, 8, 0],
    ['three large ones left: two workers, the main thread takes the third', 3, 10_000, 8, 2],
    ['--jobs 1 never starts one', 5000, 5, 1, 0],
    ['nothing left', 0, 50, 8, 0],
  ])('%s', (_case, remaining, meanMs, jobs, expected) => {
    expect(workersWorthStarting(remaining, meanMs, jobs)).toBe(expected);
  });
});
