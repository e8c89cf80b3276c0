/** How retries wait: exponential backoff with jitter, unless the server said how long (Retry-After). */
export interface BackoffOptions {
  /** First retry waits about this long; each further retry doubles it. */
  baseMs: number;
  /** Upper bound of a computed backoff. */
  maxMs: number;
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  maxRetryAfterMs: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000, maxRetryAfterMs: 120_000 };

/**
 * Parses Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds from `now`,
 * or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Backoff before retry number `attempt` (0 = first retry): "equal jitter", half fixed and half random, so
 * that many clients do not retry in lockstep yet each waits at least half the nominal delay.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const random = options.random ?? Math.random;
  const nominal = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round(nominal / 2 + (random() * nominal) / 2);
}

/**
 * The wait before the next attempt, or undefined when the server asks for longer than we are willing to
 * wait (then the request fails with that reason).
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number | undefined {
  if (retryAfterMs === undefined) return backoffDelay(attempt, options);
  if (retryAfterMs > options.maxRetryAfterMs) return undefined;
  return retryAfterMs;
}

/** Status codes worth retrying: rate limiting and server errors (RFC 9110: 5xx may be transient). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Sleeps `ms`, waking early (rejecting) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
