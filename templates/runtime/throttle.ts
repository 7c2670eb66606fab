import { sleep } from "./retry.js";

/**
 * The brake shared by every request of one resource run. When the API says "too
 * many requests" (a 429, or any retryable status with `Retry-After`), no request of
 * the run is sent before that wait is over, not only the one refused, and from
 * then on fewer are sent at once: half as many per refusal, one more per success,
 * until as many run at once as before the first refusal.
 */
export interface Throttle {
  /**
   * Waits for the end of any hold and for a free slot, then takes the slot; the returned
   * function gives it back. Rejects with the signal's reason when it aborts first.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Holds every request back for `ms` from now (a longer hold already in place stays) and halves the slots. */
  hold(ms: number): void;
  /** A request succeeded: one more slot, up to as many as ran before the first refusal. */
  succeeded(): void;
}

export function createThrottle(): Throttle {
  let until = 0;
  let active = 0;
  // The most requests that ran at once while nothing was refused: what recovery climbs back to.
  let peak = 0;
  // Requests allowed at once; unlimited until the API refuses one.
  let limit = Infinity;
  const waiting: (() => void)[] = [];

  const wakeAll = () => {
    for (const wake of waiting.splice(0)) wake();
  };
  const release = () => {
    active--;
    wakeAll();
  };

  return {
    async acquire(signal) {
      for (;;) {
        // A loop: another refusal may move the hold while this one sleeps.
        for (let wait = until - Date.now(); wait > 0; wait = until - Date.now())
          await sleep(wait, signal);
        if (active < limit) break;
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => reject(signal?.reason);
          const wake = () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          };
          if (signal?.aborted) return reject(signal.reason);
          signal?.addEventListener("abort", onAbort, { once: true });
          waiting.push(wake);
        });
      }
      active++;
      if (limit === Infinity) peak = Math.max(peak, active);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release();
      };
    },
    hold(ms) {
      until = Math.max(until, Date.now() + ms);
      limit = Math.max(1, Math.floor(Math.min(limit, peak) / 2));
    },
    succeeded() {
      if (limit === Infinity) return;
      limit++;
      if (limit >= peak) limit = Infinity;
      wakeAll();
    },
  };
}
