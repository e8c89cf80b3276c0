import pRetry from 'p-retry';
import { isUnreachable, type CatalogStore } from '@ceu/store';
import type { Logger } from '@ceu/log';

export interface StoreConnectionOptions {
  open: () => Promise<CatalogStore>;
  logger: Logger;
  /** Stops the retries (shutdown). */
  signal: AbortSignal;
  /** First and longest wait between attempts (defaults 500 ms and 30 s; doubled each time, randomised). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Opens the catalog store at start, retrying with backoff while the database is out of reach (PostgreSQL not
 * up yet, restarting, its host not resolvable yet). Meanwhile `problem()` says why the server is not ready,
 * for `/readyz`. A fault that waiting cannot mend (wrong password, missing database, a schema from a newer
 * version) is not retried: `connect()` rejects with it.
 */
export class StoreConnection {
  private problemText: string | undefined = 'opening the catalog store';
  private readonly retryListeners: (() => void)[] = [];

  constructor(private readonly options: StoreConnectionOptions) {}

  /** Calls `listener` at the first failed attempt that will be retried (and at each one after). */
  onRetry(listener: () => void): void {
    this.retryListeners.push(listener);
  }

  /** Why the store is not open yet; undefined once it is. */
  problem(): string | undefined {
    return this.problemText;
  }

  async connect(): Promise<CatalogStore> {
    const { logger } = this.options;
    const store = await pRetry(() => this.options.open(), {
      retries: Number.POSITIVE_INFINITY,
      minTimeout: this.options.minDelayMs ?? 500,
      maxTimeout: this.options.maxDelayMs ?? 30_000,
      factor: 2,
      randomize: true,
      signal: this.options.signal,
      shouldRetry: ({ error }) => outOfReach(error),
      onFailedAttempt: ({ error, attemptNumber }) => {
        // Called before shouldRetry: a fault that is not retried is the caller's to report.
        if (!outOfReach(error)) return;
        this.problemText = `${error.message} (attempt ${attemptNumber}; retrying with backoff)`;
        logger.warn('catalog store unavailable', { attempt: attemptNumber, error: error.message });
        for (const listener of this.retryListeners) listener();
      },
    });
    this.problemText = undefined;
    return store;
  }

  /** Says why the catalog could not be loaded after all (not retried), for `/readyz` until a restart. */
  failed(error: unknown): void {
    this.problemText = `the catalog could not be loaded: ${(error as Error).message}; fix what it says and restart the server`;
  }
}

/** The database is down or unreachable (the store wraps the driver's error as its cause). */
function outOfReach(error: Error): boolean {
  return isUnreachable(error) || isUnreachable(error.cause);
}
