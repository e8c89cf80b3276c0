import type { CrawlerLease } from '@ceu/store';
import type { Logger } from '@ceu/log';

export interface CrawlerRoleOptions {
  lease: CrawlerLease;
  logger: Logger;
  /** How often a server that is not the crawler asks for the lease between ticks (default 15 s). */
  checkEveryMs?: number;
  /** Called when this process becomes the crawler (with a shared index: rebuild it, the last holder may have died mid-write). */
  onGained?: () => Promise<unknown>;
}

/**
 * This server's part in "exactly one crawler": it asks for the crawler lease at start, at every scheduler tick
 * and every `checkEveryMs` between them, so that when the holder dies (even by `kill -9`) another server takes
 * over by its next tick at the latest. A scheduled run is crawled by the holder that first claims its tick.
 */
export class CrawlerRole {
  private timer: NodeJS.Timeout | undefined;
  private was = false;
  private stopped = false;
  private unreachable = false;

  constructor(private readonly options: CrawlerRoleOptions) {}

  /** Whether this process held the lease when last asked. */
  isCrawler(): boolean {
    return this.options.lease.held();
  }

  async start(): Promise<void> {
    await this.checkQuietly();
    this.timer = setInterval(() => void this.checkQuietly(), this.options.checkEveryMs ?? 15_000);
    this.timer.unref();
  }

  /**
   * Asks for the lease; logs a change of role. Rejects with `unavailable` when the database cannot be asked
   * (the scheduler then skips the tick, the admin route answers 503).
   */
  async check(): Promise<boolean> {
    if (this.stopped) return false;
    let held: boolean;
    try {
      held = await this.options.lease.acquire();
    } catch (error) {
      this.changeRole(false);
      throw error;
    }
    this.changeRole(held);
    return held;
  }

  private changeRole(held: boolean): void {
    if (held === this.was) return;
    this.was = held;
    if (held) {
      this.options.logger.info('this server is now the crawler', {});
      // Not awaited: a rebuild of the shared index must not hold up the tick that won the lease.
      this.options
        .onGained?.()
        .catch((error: unknown) => this.options.logger.error('taking over as crawler failed', { error }));
    } else {
      this.options.logger.warn('this server is no longer the crawler', {});
    }
  }

  /** The periodic ask: a database out of reach is logged (once per outage), not thrown. */
  private async checkQuietly(): Promise<void> {
    try {
      await this.check();
      this.unreachable = false;
    } catch (error) {
      if (!this.unreachable) {
        this.options.logger.warn('cannot ask for the crawler lease', { error: (error as Error).message });
      }
      this.unreachable = true;
    }
  }

  /**
   * The scheduler's question at a tick (and before each retry of its run): is this run ours? Hold the lease,
   * then be first to claim it. The key is the provider and the second the tick was due, the same on every
   * server.
   */
  async claim(providerId: string, scheduledAt: Date, attempt = 0): Promise<boolean> {
    if (!(await this.check())) return false;
    const due = new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000).toISOString();
    return this.options.lease.claimRun(`${providerId}@${due}${attempt > 0 ? `#${attempt}` : ''}`);
  }

  /** Who holds the lease, for a refusal's message. */
  holder(): Promise<string | undefined> {
    return this.options.lease.holder();
  }

  /** Gives the lease up without stopping (a server without the scheduler, after the crawl it was asked for). */
  async release(): Promise<void> {
    await this.options.lease.release();
    this.changeRole(false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.options.lease.release();
  }
}
