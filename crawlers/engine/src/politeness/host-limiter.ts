import { sleep } from './backoff.ts';

/** The limiter's time: real by default; tests pass a virtual one so that no assertion races the clock. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const REAL_TIME: LimiterClock = { now: () => Date.now(), sleep };

interface HostState {
  active: number;
  /** Earliest time the next request to this host may start. */
  nextStartAt: number;
  waiters: (() => void)[];
  peakActive: number;
}

/**
 * Per-host politeness: at most `maxConcurrent` requests in flight to one host, and request starts spaced
 * by a delay (the larger of ours and the host's Crawl-delay). Shared by every fetcher of a crawl, so
 * providers on one host (the replicas) share its budget.
 */
export class HostLimiter {
  readonly maxConcurrent: number;
  private readonly hosts = new Map<string, HostState>();
  private readonly clock: LimiterClock;

  constructor(maxConcurrent = 2, clock: LimiterClock = REAL_TIME) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1)
      throw new RangeError('maxConcurrent must be >= 1');
    this.maxConcurrent = maxConcurrent;
    this.clock = clock;
  }

  /**
   * Waits for a slot on `host`, then for the spacing delay; returns the function that frees the slot
   * (call it exactly once, also on failure).
   */
  async acquire(host: string, delayMs: number, signal?: AbortSignal): Promise<() => void> {
    const state = this.state(host);
    while (state.active >= this.maxConcurrent) {
      await new Promise<void>((resolve) => state.waiters.push(resolve));
    }
    state.active++;
    state.peakActive = Math.max(state.peakActive, state.active);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      state.active--;
      state.waiters.shift()?.();
    };
    // Reserve our start time synchronously, so that concurrent acquirers queue behind us in order.
    const now = this.clock.now();
    const startAt = Math.max(now, state.nextStartAt);
    state.nextStartAt = startAt + Math.max(0, delayMs);
    try {
      if (startAt > now) await this.clock.sleep(startAt - now, signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  /** The most requests that were ever in flight at once to `host` (for tests and benchmarks). */
  peakActive(host: string): number {
    return this.hosts.get(host)?.peakActive ?? 0;
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStartAt: 0, waiters: [], peakActive: 0 };
      this.hosts.set(host, state);
    }
    return state;
  }
}
