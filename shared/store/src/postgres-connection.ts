import type pg from 'pg';

/**
 * How long one statement may go unanswered before the store calls the database unavailable. A database that
 * hangs (a stopped server, a network that drops packets without resetting) would otherwise hold a crawl's write,
 * and the scheduler's retry behind it, for as long as TCP keeps the socket. Two minutes is far above the slowest
 * statement we issue (a 100,000-course import writes in about 5 s in `pnpm bench store`), so only a stall trips it.
 */
export const DEFAULT_QUERY_TIMEOUT_MS = 120_000;

/** How long to wait for a connection before reporting the database unavailable. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** How long closing a connection may take: a server that stopped answering never acknowledges the goodbye. */
const CLOSE_WAIT_MS = 2_000;

export interface ConnectionOptions {
  url: string;
  /** Names the session in `pg_stat_activity` (the lease holder is found by it). */
  applicationName: string;
  /** Default `DEFAULT_QUERY_TIMEOUT_MS`. */
  queryTimeoutMs?: number;
  /** Default `DEFAULT_CONNECT_TIMEOUT_MS`. */
  connectTimeoutMs?: number;
}

/** The settings of every connection the store opens: pooled, the lease's, the watch's. */
export function connectionConfig(options: ConnectionOptions): pg.ClientConfig {
  const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  return {
    connectionString: options.url,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    // The driver gives up waiting (our side of a stall)...
    query_timeout: queryTimeoutMs,
    // ...and the server ends a session left inside a transaction (their side: our process stalled or lost its
    // network mid-write), so the revision row's lock does not keep every other writer waiting.
    idle_in_transaction_session_timeout: queryTimeoutMs,
  };
}

/**
 * Ends a connection (or a pool) without waiting on a server that no longer answers. The socket left behind is
 * closed by the server when it comes back; until then it costs one file descriptor.
 */
export async function endWithin(ending: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_WAIT_MS);
    timer.unref();
  });
  await Promise.race([ending.catch(() => undefined), waited]);
  clearTimeout(timer);
}
