/**
 * Deadlines a user writes on the command line (`--timeout 3000000`, `--timeout 1e10` for "no limit") can exceed
 * what `setTimeout` holds: Node clamps any delay above 2^31-1 ms (about 24.8 days) to 1 ms, so the deadline would
 * fire at once. This is the one timer every tool uses for a user's deadline: it chains timers of at most the
 * maximum until the whole delay has passed, so a long deadline means what it says.
 */

/** The largest delay `setTimeout` honours; anything above is clamped to 1 ms by Node. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A pending long timeout. */
export interface LongTimeout {
  /** Cancels the timeout; calling it after the callback ran does nothing. */
  clear(): void;
  /** Lets the process exit while the timeout is pending (as `Timeout.unref`). */
  unref(): LongTimeout;
}

/**
 * Calls `callback` once `delayMs` milliseconds have passed, for any finite delay (an infinite one never fires).
 * A negative or NaN delay fires on the next turn, as `setTimeout` does.
 */
export function setLongTimeout(callback: () => void, delayMs: number): LongTimeout {
  let timer: NodeJS.Timeout | undefined;
  let referenced = true;
  let cleared = false;
  const deadline = Date.now() + (Number.isNaN(delayMs) ? 0 : Math.max(0, delayMs));
  const arm = (): void => {
    if (cleared || deadline === Infinity) return;
    const remaining = deadline - Date.now();
    if (remaining > MAX_TIMER_DELAY_MS) {
      timer = setTimeout(arm, MAX_TIMER_DELAY_MS);
    } else {
      timer = setTimeout(() => {
        cleared = true;
        callback();
      }, Math.max(0, remaining));
    }
    if (!referenced) timer.unref();
  };
  arm();
  const handle: LongTimeout = {
    clear: () => {
      cleared = true;
      if (timer) clearTimeout(timer);
    },
    unref: () => {
      referenced = false;
      timer?.unref();
      return handle;
    },
  };
  return handle;
}
