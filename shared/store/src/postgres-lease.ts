import pg from 'pg';
import type { CrawlerLease } from './catalog-store.ts';
import { connectionConfig, endWithin, type ConnectionOptions } from './postgres-connection.ts';
import { toStoreError } from './postgres-errors.ts';

export interface PostgresLeaseOptions extends ConnectionOptions {
  /** The advisory lock's two-int key. */
  key: readonly [number, number];
  /** The database, for messages (no password). */
  location: string;
  /** Claims one scheduled run (a row in `crawl_claims`). */
  claim: (key: string) => Promise<boolean>;
}

/**
 * The crawler lease as a session advisory lock held on a connection of its own. PostgreSQL releases the lock
 * when that connection ends: on `release()`, and also when the holder is killed (`kill -9`, a crash, a lost
 * machine) once the server notices the closed socket. Whoever asks next (`acquire()` at a scheduler tick)
 * takes over.
 */
export class PostgresLease implements CrawlerLease {
  private client: pg.Client | undefined;
  private holding = false;
  private pending: Promise<boolean> | undefined;

  constructor(private readonly options: PostgresLeaseOptions) {}

  held(): boolean {
    return this.holding;
  }

  /** Rejects with `unavailable` when the database cannot be asked. */
  acquire(): Promise<boolean> {
    // One attempt at a time: two ticks at once must not open two connections.
    this.pending ??= this.tryAcquire().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  async holder(): Promise<string | undefined> {
    const client = new pg.Client(
      connectionConfig({ ...this.options, applicationName: `${this.options.applicationName} (asking)` }),
    );
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ application_name: string }>(
        `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [this.options.key[0], this.options.key[1]],
      );
      return rows[0]?.application_name;
    } catch {
      return undefined;
    } finally {
      await endWithin(client.end());
    }
  }

  claimRun(key: string): Promise<boolean> {
    return this.options.claim(key);
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.holding = false;
    // Ending the session releases the lock (once the server hears of it: a stalled one keeps it until it wakes).
    if (client) await endWithin(client.end());
  }

  private async tryAcquire(): Promise<boolean> {
    if (this.client && this.holding) {
      // Still ours if the connection is alive; a dead one reports itself here.
      try {
        await this.client.query('SELECT 1');
        return true;
      } catch {
        await this.release();
      }
    }
    try {
      const client = this.client ?? (await this.connect());
      const { rows } = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock($1, $2) AS locked`,
        [this.options.key[0], this.options.key[1]],
      );
      this.holding = rows[0]?.locked === true;
    } catch (error) {
      // Out of reach: nobody can say who crawls now; the caller hears `unavailable` and asks again later.
      await this.release();
      throw toStoreError(error, this.options.location);
    }
    if (!this.holding) {
      // Not ours: no connection kept open for nothing.
      await this.release();
    }
    return this.holding;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(connectionConfig(this.options));
    // A broken connection means the lock is gone with it.
    const lost = () => {
      if (this.client === client) {
        this.client = undefined;
        this.holding = false;
      }
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    this.client = client;
    return client;
  }
}
