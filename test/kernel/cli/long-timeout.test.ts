import { MAX_TIMER_DELAY_MS, setLongTimeout } from '../../../src/kernel/cli';

describe('setLongTimeout', () => {
  afterEach(() => jest.useRealTimers());

  it.each([
    ['just below the setTimeout maximum', MAX_TIMER_DELAY_MS - 1],
    ['the setTimeout maximum', MAX_TIMER_DELAY_MS],
    ['one past the maximum (Node would clamp it to 1 ms)', MAX_TIMER_DELAY_MS + 1],
    ['2,147,484 s, a natural "no limit"', 2_147_484_000],
    ['1e10 s', 1e13],
  ])('waits the whole delay for %s', (_name, delay) => {
    jest.useFakeTimers({ now: 0 });
    const fired = jest.fn();
    setLongTimeout(fired, delay);
    jest.advanceTimersByTime(Math.min(delay - 1, 3 * MAX_TIMER_DELAY_MS));
    expect(fired).not.toHaveBeenCalled();
    if (delay <= 3 * MAX_TIMER_DELAY_MS) {
      jest.advanceTimersByTime(1);
      expect(fired).toHaveBeenCalledTimes(1);
    }
  });

  it('really does not fire after 1 ms for a delay above the maximum (no fake timers)', async () => {
    const fired = jest.fn();
    const timer = setLongTimeout(fired, MAX_TIMER_DELAY_MS + 1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).not.toHaveBeenCalled();
    timer.clear();
  });

  it.each([
    ['zero', 0],
    ['negative', -5],
    ['NaN', Number.NaN],
  ])('fires on the next turn for a %s delay', (_name, delay) => {
    jest.useFakeTimers({ now: 0 });
    const fired = jest.fn();
    setLongTimeout(fired, delay);
    jest.advanceTimersByTime(0);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('never fires for an infinite delay, and clear() cancels a chained one', () => {
    jest.useFakeTimers({ now: 0 });
    const never = jest.fn();
    setLongTimeout(never, Infinity);
    const cancelled = jest.fn();
    const timer = setLongTimeout(cancelled, 2 * MAX_TIMER_DELAY_MS);
    jest.advanceTimersByTime(MAX_TIMER_DELAY_MS + 10);
    timer.clear();
    jest.advanceTimersByTime(2 * MAX_TIMER_DELAY_MS);
    expect(never).not.toHaveBeenCalled();
    expect(cancelled).not.toHaveBeenCalled();
  });
});
