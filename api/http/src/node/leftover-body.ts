import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '@ceu/log';

/**
 * How much of a request body the server swallows after it has already answered (413, 401, 404, 429…), before it
 * gives up on the client and cuts the connection.
 */
export interface LeftoverBodyLimits {
  /** Bytes read off the connection after the answer; counted from the socket, so nothing is kept to count them. */
  maxBytes: number;
  /** Time after the answer. */
  timeoutMs: number;
}

/**
 * 16 MiB is 64 times the default body limit, more than any body a real client sends us by mistake (a transcript
 * of 100 000 lines is 3.3 MB); 10 s covers that at a few Mbit/s.
 */
export const DEFAULT_LEFTOVER_BODY_LIMITS: LeftoverBodyLimits = {
  maxBytes: 16 * 1024 * 1024,
  timeoutMs: 10_000,
};

/**
 * How often the byte count is looked at. Needed because a body no one touched is drained by Node itself
 * (`_dump`, with no limit of its own), and then the bytes are dropped before they become `data` events.
 */
const CHECK_EVERY_MS = 50;

/** Connections whose request already has its answer while its body is still arriving. */
const swallowing = new WeakSet<Socket>();

/**
 * True while the connection's answer is out and the rest of the body is being thrown away: Node must not write
 * a second answer (a 400 or 408 for the same request) on it.
 */
export function isSwallowingLeftoverBody(socket: Socket): boolean {
  return swallowing.has(socket);
}

function swallow(req: IncomingMessage, socket: Socket, limits: LeftoverBodyLimits, logger: Logger): void {
  const startBytes = socket.bytesRead;
  const started = Date.now();
  swallowing.add(socket);

  const stop = () => {
    clearInterval(timer);
    req.off('data', check);
    req.off('end', stop);
    socket.off('close', stop);
    swallowing.delete(socket);
  };
  function check(): void {
    const bytes = socket.bytesRead - startBytes;
    const ms = Date.now() - started;
    if (bytes <= limits.maxBytes && ms <= limits.timeoutMs) return;
    stop();
    logger.info('leftover request body cut off', {
      method: req.method,
      path: (req.url ?? '').slice(0, 300),
      bytes,
      ms,
      reason: bytes > limits.maxBytes ? 'bytes' : 'time',
    });
    // The client is still sending past both limits; the reset that closing now causes is its own doing.
    socket.destroy();
  }
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();

  // Whatever was reading the body (Hono's body stream, Readable.toWeb) would keep every chunk in memory, and pauses
  // the request after its first chunk so the body stops moving; drop them, as Node's own `_dump` does.
  req.removeAllListeners('data');
  req.on('data', check);
  // 'end': the whole body came in and the connection serves its next request (keep-alive stays intact).
  req.once('end', stop);
  socket.once('close', stop);
  req.resume();
}

/**
 * Keeps reading (and throwing away) a request body the app did not read before it answered, within `limits`.
 *
 * Why: a client that sends a large body without waiting for `100 Continue` (Node's fetch, browsers) is still
 * writing when the early answer goes out. A server that then closes the connection with unread bytes makes the
 * kernel send a reset, and the client sees `fetch failed` instead of the answer; a connection left with an
 * unread, stalled body fails the next request the client sends on it. @hono/node-server's own clean-up
 * (`autoCleanupIncoming`) cannot be used: its drain is re-paused by the body stream it made, and after 500 ms it
 * closes the socket, which is the reset. Start the server with `autoCleanupIncoming: false`.
 */
export function swallowLeftoverBodies(server: Server, limits: LeftoverBodyLimits, logger: Logger): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    res.once('finish', () => {
      if (req.complete || req.destroyed || socket.destroyed) return;
      swallow(req, socket, limits, logger);
    });
  });
}
