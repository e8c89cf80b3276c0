import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { problemBody, PROBLEM_CONTENT_TYPE } from '../problem.ts';
import type { Logger } from '@ceu/log';
import {
  DEFAULT_LEFTOVER_BODY_LIMITS,
  isSwallowingLeftoverBody,
  swallowLeftoverBodies,
  type LeftoverBodyLimits,
} from './leftover-body.ts';

/** The app side of the server: anything with Hono's `fetch`. */
export interface FetchApp {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
}

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
  /** How long in-flight requests may take to finish on shutdown before their connections are cut. */
  shutdownTimeoutMs?: number;
  /** A request must arrive whole within this time (slow-loris protection). */
  requestTimeoutMs?: number;
  /** How much of a body the app answered without reading is still read and thrown away (see leftover-body.ts). */
  leftoverBody?: Partial<LeftoverBodyLimits>;
}

export interface RunningHttpServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting connections, lets in-flight requests finish (up to the timeout), then resolves. */
  close(): Promise<void>;
}

/**
 * Requests Node rejects before they reach the app (unknown method, broken request line, headers too large,
 * too slow) still get a problem document, so a client always learns why.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket, logger: Logger): void {
  // A request whose answer is already out (its body still arriving) must not get a second one.
  if (!socket.writable || error.code === 'ECONNRESET' || isSwallowingLeftoverBody(socket)) {
    socket.destroy();
    return;
  }
  const code = error.code ?? '';
  const [status, reason, slug, detail] =
    code === 'HPE_HEADER_OVERFLOW'
      ? ([
          431,
          'Request Header Fields Too Large',
          'bad-request',
          'the request headers are too large',
        ] as const)
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'Request Timeout', 'bad-request', 'the request did not arrive in time'] as const)
        : ([
            400,
            'Bad Request',
            'bad-request',
            `the HTTP request could not be read (${code || 'parse error'})`,
          ] as const);
  const body = JSON.stringify({
    ...problemBody(slug, detail),
    status,
    ...(status === 400 ? {} : { title: reason }),
  });
  logger.info('client error', { code, status });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Serves an app on Node's HTTP server: resolves once listening, logs `{ msg: 'listening', url }` (tests started
 * with port 0 read the URL from that line), and shuts down gracefully.
 */
export function startHttpServer(app: FetchApp, options: HttpServerOptions): Promise<RunningHttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch: app.fetch,
      port: options.port,
      hostname: options.host,
      // Its clean-up resets connections whose body is still arriving; swallowLeftoverBodies does that job.
      autoCleanupIncoming: false,
    }) as Server;
    swallowLeftoverBodies(
      server,
      { ...DEFAULT_LEFTOVER_BODY_LIMITS, ...options.leftoverBody },
      options.logger,
    );
    server.requestTimeout = options.requestTimeoutMs ?? 30_000;
    server.headersTimeout = Math.min(server.requestTimeout, 20_000);
    server.keepAliveTimeout = 5_000;
    server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) =>
      answerClientError(error, socket, options.logger),
    );
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      server.on('error', (error) => options.logger.error('server error', { error }));
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const url = `http://${host}:${address.port}`;
      options.logger.info('listening', { url, port: address.port });
      let closing: Promise<void> | undefined;
      resolve({
        url,
        port: address.port,
        server,
        close() {
          closing ??= new Promise<void>((done) => {
            const timer = setTimeout(() => {
              options.logger.warn('shutdown timeout: closing open connections', {});
              server.closeAllConnections();
            }, options.shutdownTimeoutMs ?? 10_000);
            timer.unref();
            // Keep-alive connections with no request in flight would hold close() open; connections whose last
            // request finishes during the shutdown become idle later, hence the repeat.
            const sweep = setInterval(() => server.closeIdleConnections(), 50);
            server.close(() => {
              clearTimeout(timer);
              clearInterval(sweep);
              done();
            });
            server.closeIdleConnections();
          });
          return closing;
        },
      });
    });
  });
}
