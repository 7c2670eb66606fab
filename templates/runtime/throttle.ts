import { sleep } from "./retry.js";

/**
 * The brake shared by every request of one resource run. When the API says
 * "too many requests" (a 429, or any retryable status with `Retry-After`), no
 * request of the run is sent before the wait is over, not only the one that was
 * refused, and the run's concurrent pages drop to half; each later success gives
 * one request back, so a run that keeps being refused settles at the rate the API takes.
 */
export interface Throttle {
  /** Resolves once requests may be sent again; rejects with the signal's reason when it aborts first. */
  ready(signal?: AbortSignal): Promise<void>;
  /** Holds every request back for `ms` from now (a longer hold already in place stays) and halves the concurrency. */
  hold(ms: number): void;
  /** A request succeeded: one more may run at once again, up to the configured number. */
  succeeded(): void;
  /** How many of `configured` concurrent requests may run now: at least 1. */
  allowed(configured: number): number;
}

export function createThrottle(): Throttle {
  let until = 0;
  // The share of the configured concurrency that may run; halved per refusal, never below one request.
  let share = 1;
  let recoveries = 0;
  return {
    async ready(signal) {
      // A loop: another refusal may have moved the hold further while this one slept.
      for (let wait = until - Date.now(); wait > 0; wait = until - Date.now()) await sleep(wait, signal);
    },
    hold(ms) {
      until = Math.max(until, Date.now() + ms);
      share = Math.max(share / 2, 1 / 1024);
      recoveries = 0;
    },
    succeeded() {
      if (share < 1) recoveries++;
    },
    allowed(configured) {
      if (share >= 1) return configured;
      const allowed = Math.max(1, Math.floor(configured * share) + recoveries);
      if (allowed >= configured) {
        share = 1;
        recoveries = 0;
        return configured;
      }
      return allowed;
    },
  };
}
