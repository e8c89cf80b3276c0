import { CeuError } from '@ceu/domain';

/** A database URL fit for logs and messages: the password is replaced by `***`. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database named by CEU_DATABASE_URL';
  }
}

/** Node's codes for a connection that could not be made or broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

/**
 * Whether an error means the database is out of reach (down, restarting, refusing connections), as opposed to
 * a fault in the request: SQLSTATE class 08 (connection exception), 57P0x (shutting down, cannot connect now),
 * 53300 (too many connections), a network error, or the driver's own timeouts (connecting, or a statement left
 * unanswered: a server that hangs) and closures.
 */
export function isUnreachable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('08') || /^57P0[1-4]$/.test(code) || code === '53300' || NETWORK_CODES.has(code))
    return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|not queryable|Query read timeout/i.test(
    message,
  );
}

/** Turns a driver error into the store's terms: `unavailable` when the database is out of reach. */
export function toStoreError(error: unknown, location: string): unknown {
  if (error instanceof CeuError) return error;
  if (isUnreachable(error)) {
    return new CeuError(
      'unavailable',
      `the catalog database ${location} is unavailable: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return error;
}
