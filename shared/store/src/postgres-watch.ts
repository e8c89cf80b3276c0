import pg from 'pg';
import type { StoreWatch } from './catalog-store.ts';
import { connectionConfig, endWithin, type ConnectionOptions } from './postgres-connection.ts';

export interface PostgresWatchOptions extends ConnectionOptions {
  channel: string;
  onChange: () => void;
  /** Longest wait between reconnection attempts (default 5 s); the first retry is after 100 ms. */
  maxBackoffMs?: number;
}

/**
 * LISTENs on its own connection and calls `onChange` on every notification. When the connection breaks it
 * reconnects with backoff, then calls `onChange` once: writes may have committed while nobody listened.
 */
export class PostgresWatch implements StoreWatch {
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  private constructor(private readonly options: PostgresWatchOptions) {}

  /** Resolves once listening (so a write after this resolves is heard); rejects if it cannot connect. */
  static async start(options: PostgresWatchOptions): Promise<PostgresWatch> {
    const watch = new PostgresWatch(options);
    await watch.connect();
    return watch;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (client) await endWithin(client.end());
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(connectionConfig(this.options));
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      this.reconnectLater(100);
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onChange();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.options.channel)}`);
    } catch (error) {
      lost = true;
      await endWithin(client.end());
      throw error;
    }
    if (this.stopped) {
      await endWithin(client.end());
      return;
    }
    this.client = client;
  }

  private reconnectLater(waitMs: number): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.connect().then(
        // Missed notifications are one re-read away.
        () => {
          if (!this.stopped) this.options.onChange();
        },
        () => this.reconnectLater(Math.min(waitMs * 2, this.options.maxBackoffMs ?? 5_000)),
      );
    }, waitMs);
    this.retry.unref();
  }
}
