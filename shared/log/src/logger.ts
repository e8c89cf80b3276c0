/** Log levels in rising order; `silent` logs nothing. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

/** Structured logging: one JSON object per line, `time`, `level`, `msg` and the fields given. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface JsonLoggerOptions {
  level?: LogLevel;
  /** Where lines go; stdout by default (log collectors read it). */
  write?: (line: string) => void;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Fields added to every line (`service`, `pid`, …). */
  base?: LogFields;
}

/** Errors become plain objects with their cause chain; JSON.stringify would print `{}`. */
function serialize(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const out: LogFields = { name: value.name, message: value.message };
    if (value.stack) out.stack = value.stack;
    if ('code' in value) out.code = (value as { code: unknown }).code;
    if (value.cause !== undefined && depth < 3) out.cause = serialize(value.cause, depth + 1);
    return out;
  }
  return value;
}

/**
 * A JSON-lines logger. Small on purpose: the server logs one line per request and a few lifecycle events,
 * and log shippers (journald, Docker, Loki) want exactly this shape on stdout.
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const min = LOG_LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? Date.now;
  const base = options.base ?? {};
  const log =
    (level: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: LogFields = {}) => {
      if (LOG_LEVELS.indexOf(level) < min) return;
      const entry: LogFields = { time: new Date(now()).toISOString(), level, msg, ...base };
      for (const [key, value] of Object.entries(fields)) entry[key] = serialize(value);
      let line: string;
      try {
        line = JSON.stringify(entry);
      } catch {
        line = JSON.stringify({ time: entry.time, level, msg, note: 'fields were not serialisable' });
      }
      write(`${line}\n`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything (benchmarks, tests that do not look at logs). */
export const silentLogger: Logger = createJsonLogger({ level: 'silent' });
